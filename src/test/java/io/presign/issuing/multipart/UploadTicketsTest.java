package io.presign.issuing.multipart;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import io.presign.policy.Caller;
import io.presign.policy.PolicyViolation;
import io.presign.policy.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Upload tickets: what one allows comes back whole; anything forged, altered, misplaced
 * or late is refused.
 */
class UploadTicketsTest {

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	private static final String SECRET = "a-shared-secret-of-at-least-32-characters";

	private final UploadTickets tickets = new UploadTickets(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

	private final UploadTickets.Ticket complete = new UploadTickets.Ticket(UploadTickets.Step.COMPLETE, "videos",
			"my-videos", "alice", Caller.AuthMethod.JWT, "users/alice/3f0c.bin", "up.load/id=1", NOW.plusSeconds(300));

	@Test
	void aTicketCarriesWhatItAllows() {
		assertThat(this.tickets.redeem(this.tickets.issue(this.complete), UploadTickets.Step.COMPLETE).ticket())
			.isEqualTo(this.complete);
		UploadTickets.Ticket start = new UploadTickets.Ticket(UploadTickets.Step.START, "videos", "my-videos", "alice",
				Caller.AuthMethod.API_KEY, "users/alice/3f0c.bin", null, NOW.plusSeconds(300));
		assertThat(this.tickets.redeem(this.tickets.issue(start), UploadTickets.Step.START).ticket()).isEqualTo(start);
	}

	@Test
	void anotherReplicasKeyAnotherStepOrALateRedemptionIsRefused() {
		String ticket = this.tickets.issue(this.complete);
		refused(() -> new UploadTickets("another-secret-of-at-least-32-characters!", Clock.fixed(NOW, ZoneOffset.UTC))
			.redeem(ticket, UploadTickets.Step.COMPLETE), "signature");
		refused(() -> this.tickets.redeem(ticket, UploadTickets.Step.START), "another step");
		refused(() -> new UploadTickets(SECRET, Clock.fixed(NOW.plusSeconds(300), ZoneOffset.UTC)).redeem(ticket,
				UploadTickets.Step.COMPLETE), "expired");
	}

	@Test
	void anAlteredOrMalformedTicketIsRefused() {
		String ticket = this.tickets.issue(this.complete);
		String[] fields = ticket.split("\\.");
		fields[6] = Base64.getUrlEncoder().withoutPadding().encodeToString("users/bob/3f0c.bin".getBytes());
		refused(() -> this.tickets.redeem(String.join(".", fields), UploadTickets.Step.COMPLETE), "signature");
		refused(() -> this.tickets.redeem(null, UploadTickets.Step.COMPLETE), "No ticket");
		refused(() -> this.tickets.redeem("a.b.c", UploadTickets.Step.COMPLETE), "malformed");
		refused(() -> this.tickets.redeem(ticket.substring(0, ticket.lastIndexOf('.')) + ".!!",
				UploadTickets.Step.COMPLETE), "malformed");
	}

	@Test
	void aTicketHasOneSpellingAndItsIdIsItsContent() {
		String ticket = this.tickets.issue(this.complete);
		String id = this.tickets.redeem(ticket, UploadTickets.Step.COMPLETE).id();
		// The signature's 43rd character carries two bits no byte needs: Java's decoder
		// ignores them, so three other spellings would decode to the same signature.
		char last = ticket.charAt(ticket.length() - 1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		int value = alphabet.indexOf(last);
		for (int bits = 1; bits < 4; bits++) {
			String respelt = ticket.substring(0, ticket.length() - 1) + alphabet.charAt(value ^ bits);
			assertThat(Base64.getUrlDecoder().decode(respelt.substring(respelt.lastIndexOf('.') + 1)))
				.as("the same signature to a lenient decoder")
				.isEqualTo(Base64.getUrlDecoder().decode(ticket.substring(ticket.lastIndexOf('.') + 1)));
			refused(() -> this.tickets.redeem(respelt, UploadTickets.Step.COMPLETE), "malformed");
		}
		assertThat(this.tickets.redeem(ticket, UploadTickets.Step.COMPLETE).id()).isEqualTo(id);
		assertThat(this.tickets
			.redeem(this.tickets.issue(new UploadTickets.Ticket(UploadTickets.Step.COMPLETE, "videos", "my-videos",
					"alice", Caller.AuthMethod.JWT, "users/alice/3f0c.bin", "another-upload", NOW.plusSeconds(300))),
					UploadTickets.Step.COMPLETE)
			.id()).isNotEqualTo(id);
	}

	private static void refused(Runnable redemption, String detail) {
		assertThatExceptionOfType(PolicyViolation.class).isThrownBy(redemption::run).satisfies((violation) -> {
			assertThat(violation.rule()).isEqualTo(Rule.TICKET_INVALID);
			assertThat(violation.getMessage()).contains(detail);
		});
	}

}
