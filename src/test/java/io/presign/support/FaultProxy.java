package io.presign.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface that stands between the service and one of its
 * dependencies (STS, S3, the identity provider) and that a test switches between working,
 * refusing and hanging, to see how the service behaves when the dependency fails and
 * whether it recovers.
 */
public final class FaultProxy implements AutoCloseable {

	/**
	 * What the proxy does with a new connection.
	 */
	public enum Mode {

		/** Pass bytes both ways to the dependency. */
		FORWARD,

		/** Close the connection at once, as a crashed dependency does. */
		REFUSE,

		/** Accept and read, never answer: a dependency that hangs. */
		STALL

	}

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private volatile Mode mode;

	/**
	 * @param target where forwarded connections go
	 * @param mode the mode to start in
	 */
	public FaultProxy(URI target, Mode mode) {
		this.target = new InetSocketAddress(target.getHost(), target.getPort());
		this.mode = mode;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		start(this::accept);
	}

	/**
	 * @return the proxy's address, with the scheme {@code http}
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	/**
	 * Switch mode. Open connections are closed, so that pooled ones cannot bypass the new
	 * mode.
	 * @param mode the new mode
	 */
	public void mode(Mode mode) {
		this.mode = mode;
		this.open.forEach(FaultProxy::closeQuietly);
		this.open.clear();
	}

	/**
	 * @return how many connections the service has opened through the proxy so far
	 */
	public int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.connections.incrementAndGet();
				switch (this.mode) {
					case REFUSE -> closeQuietly(client);
					case STALL -> {
						this.open.add(client);
						start(() -> drain(client));
					}
					case FORWARD -> forward(client);
				}
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void forward(Socket client) throws IOException {
		Socket upstream = new Socket();
		try {
			upstream.connect(this.target, 2000);
		}
		catch (IOException ex) {
			closeQuietly(client);
			closeQuietly(upstream);
			return;
		}
		this.open.add(client);
		this.open.add(upstream);
		start(() -> pipe(client, upstream));
		start(() -> pipe(upstream, client));
	}

	private static void pipe(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void drain(Socket client) {
		try (InputStream in = client.getInputStream()) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			// closed by the test or the service
		}
	}

	private static void start(Runnable task) {
		Thread thread = new Thread(task, "fault-proxy");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// already closed
		}
		this.open.forEach(FaultProxy::closeQuietly);
	}

}
