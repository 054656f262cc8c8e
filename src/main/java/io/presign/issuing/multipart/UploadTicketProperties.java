package io.presign.issuing.multipart;

import java.net.URI;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Upload tickets, under {@code presign.upload-tickets}: the short-lived proofs a browser
 * widget carries to the service's own start and completion URLs of a multipart upload it
 * signs call by call.
 *
 * @param secret the key tickets are signed with; every replica must share it, since a
 * ticket issued by one may be redeemed at another. Unset, each start picks a random one,
 * which suits a single replica only
 * @param baseUrl the service's public URL, such as {@code https://presign.example.com},
 * that the ticket URLs start with; by default the request's own (scheme, host and prefix
 * as forwarded by a trusted proxy)
 */
@ConfigurationProperties("presign.upload-tickets")
@Validated
public record UploadTicketProperties(
		@Nullable @Size(min = 32, message = "must hold at least 32 characters") String secret, @Nullable URI baseUrl) {

	@Override
	public String toString() {
		return "UploadTicketProperties[secret=" + ((this.secret != null) ? "******" : "random") + ", baseUrl="
				+ this.baseUrl + "]";
	}

}
