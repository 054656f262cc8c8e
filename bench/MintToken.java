import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * A throw-away RS256 key and one token signed with it, for bench/http.sh: the service verifies the token with
 * spring.security.oauth2.resourceserver.jwt.public-key-location, so the benchmark needs no identity provider.
 * Usage: java bench/MintToken.java DIRECTORY SUBJECT SCOPE; writes DIRECTORY/public.pem, prints the token.
 */
public final class MintToken {

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		Files.writeString(directory.resolve("public.pem"), pem);
		long now = Instant.now().getEpochSecond();
		String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
		String claims = base64Url("{\"sub\":\"" + args[1] + "\",\"scope\":\"" + args[2] + "\",\"iat\":" + now
				+ ",\"exp\":" + (now + 4 * 3600) + "}");
		Signature rsa = Signature.getInstance("SHA256withRSA");
		rsa.initSign(pair.getPrivate());
		rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
		System.out.println(header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign()));
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
