package io.presign.observability;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The client address as the audit trail records it. Behind a trusted proxy the servlet
 * container takes it from {@code X-Forwarded-For}, whose text the client may have
 * written: only an IP literal is recorded, never a host name or arbitrary text.
 */
final class ClientAddress {

	/** Recorded when the address is not an IP literal. */
	static final String INVALID = "invalid";

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

	private ClientAddress() {
	}

	static String of(String address) {
		if (address == null) {
			return INVALID;
		}
		if (IPV4.matcher(address).matches()) {
			return address;
		}
		// Starting with a hex digit or a colon, and holding a colon, InetAddress parses a
		// literal or fails: it
		// never asks DNS (a leading '.' would make it).
		if (address.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(address).matches()) {
			try {
				return InetAddress.getByName(address).getHostAddress();
			}
			catch (UnknownHostException ex) {
				return INVALID;
			}
		}
		return INVALID;
	}

}
