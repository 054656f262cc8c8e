package io.presign.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local IAM that keeps roles' inline policies (PutRolePolicy, GetRolePolicy,
 * ListRolePolicies, in the Query protocol the SDK speaks), answers as IAM does (documents
 * URL-encoded, {@code NoSuchEntity} for a missing one), records every request, and can be
 * told to deny everything.
 */
public final class IamStandIn implements AutoCloseable {

	private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";

	private final HttpServer server;

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private final Map<String, String> policies = new ConcurrentHashMap<>();

	private volatile boolean denying;

	public IamStandIn() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	private void answer(HttpExchange exchange) throws IOException {
		Map<String, String> form = StsStandIn
			.parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		this.requests.add(form);
		String action = form.getOrDefault("Action", "");
		String name = form.get("RoleName") + "/" + form.get("PolicyName");
		if (this.denying) {
			send(exchange, 403, error("AccessDenied", "User is not authorized to perform: iam:" + action));
		}
		else if (action.equals("PutRolePolicy")) {
			this.policies.put(name, form.get("PolicyDocument"));
			send(exchange, 200,
					"<PutRolePolicyResponse xmlns=\"" + NS + "\">" + metadata() + "</PutRolePolicyResponse>");
		}
		else if (action.equals("GetRolePolicy") && this.policies.containsKey(name)) {
			String encoded = URLEncoder.encode(this.policies.get(name), StandardCharsets.UTF_8).replace("+", "%20");
			send(exchange, 200,
					"<GetRolePolicyResponse xmlns=\"" + NS + "\"><GetRolePolicyResult><RoleName>" + form.get("RoleName")
							+ "</RoleName><PolicyName>" + form.get("PolicyName") + "</PolicyName><PolicyDocument>"
							+ encoded + "</PolicyDocument></GetRolePolicyResult>" + metadata()
							+ "</GetRolePolicyResponse>");
		}
		else if (action.equals("ListRolePolicies")) {
			StringBuilder members = new StringBuilder();
			String prefix = form.get("RoleName") + "/";
			this.policies.keySet()
				.stream()
				.filter((stored) -> stored.startsWith(prefix))
				.sorted()
				.forEach((stored) -> members.append("<member>")
					.append(stored.substring(prefix.length()))
					.append("</member>"));
			send(exchange, 200,
					"<ListRolePoliciesResponse xmlns=\"" + NS + "\"><ListRolePoliciesResult><PolicyNames>" + members
							+ "</PolicyNames><IsTruncated>false</IsTruncated></ListRolePoliciesResult>" + metadata()
							+ "</ListRolePoliciesResponse>");
		}
		else if (action.equals("GetRolePolicy")) {
			send(exchange, 404,
					error("NoSuchEntity", "The role policy with name " + form.get("PolicyName") + " cannot be found."));
		}
		else {
			send(exchange, 400, error("InvalidAction", "Not served here: " + action));
		}
	}

	private static String error(String code, String message) {
		return "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
				+ message + "</Message></Error><RequestId>req-iam</RequestId></ErrorResponse>";
	}

	private static String metadata() {
		return "<ResponseMetadata><RequestId>req-iam</RequestId></ResponseMetadata>";
	}

	private static void send(HttpExchange exchange, int status, String xml) throws IOException {
		byte[] body = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/xml");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public List<Map<String, String>> requests() {
		return this.requests;
	}

	/**
	 * @return the policy document as last put, decoded
	 */
	public String policy(String roleName, String policyName) {
		return this.policies.get(roleName + "/" + policyName);
	}

	/**
	 * Stores a policy as if someone had put it, in IAM's shapes or others'.
	 */
	public void seed(String roleName, String policyName, String document) {
		this.policies.put(roleName + "/" + policyName, document);
	}

	public void deny(boolean denying) {
		this.denying = denying;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
