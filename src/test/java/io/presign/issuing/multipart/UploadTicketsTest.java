package io.presign.issuing.multipart;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

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
			"my-videos", "alice", "users/alice/3f0c.bin", "up.load/id=1", NOW.plusSeconds(300));

	@Test
	void aTicketCarriesWhatItAllows() {
		assertThat(this.tickets.redeem(this.tickets.issue(this.complete), UploadTickets.Step.COMPLETE))
			.isEqualTo(this.complete);
		UploadTickets.Ticket start = new UploadTickets.Ticket(UploadTickets.Step.START, "videos", "my-videos", "alice",
				"users/alice/3f0c.bin", null, NOW.plusSeconds(300));
		assertThat(this.tickets.redeem(this.tickets.issue(start), UploadTickets.Step.START)).isEqualTo(start);
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
		fields[5] = Base64.getUrlEncoder().withoutPadding().encodeToString("users/bob/3f0c.bin".getBytes());
		refused(() -> this.tickets.redeem(String.join(".", fields), UploadTickets.Step.COMPLETE), "signature");
		refused(() -> this.tickets.redeem(null, UploadTickets.Step.COMPLETE), "No ticket");
		refused(() -> this.tickets.redeem("a.b.c", UploadTickets.Step.COMPLETE), "malformed");
		refused(() -> this.tickets.redeem(ticket.substring(0, ticket.lastIndexOf('.')) + ".!!",
				UploadTickets.Step.COMPLETE), "malformed");
	}

	private static void refused(Runnable redemption, String detail) {
		assertThatExceptionOfType(PolicyViolation.class).isThrownBy(redemption::run).satisfies((violation) -> {
			assertThat(violation.rule()).isEqualTo(Rule.TICKET_INVALID);
			assertThat(violation.getMessage()).contains(detail);
		});
	}

}
