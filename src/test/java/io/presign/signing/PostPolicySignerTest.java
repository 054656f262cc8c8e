package io.presign.signing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The POST policy signature against AWS's published example ("Example: Browser-Based
 * Upload using HTTP POST (Using AWS Signature Version 4)"): same secret, date, region and
 * base64 policy, same signature.
 */
class PostPolicySignerTest {

	private static final String AWS_EXAMPLE_POLICY = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";

	@Test
	void matchesAwsPublishedExample() {
		assertThat(PostPolicySigner.signature("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20151229", "us-east-1",
				AWS_EXAMPLE_POLICY))
			.isEqualTo("8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e");
	}

	@Test
	void anyChangeOfInputChangesTheSignature() {
		String base = PostPolicySigner.signature("secret", "20260101", "eu-west-1", "cG9saWN5");
		assertThat(PostPolicySigner.signature("secreT", "20260101", "eu-west-1", "cG9saWN5")).isNotEqualTo(base);
		assertThat(PostPolicySigner.signature("secret", "20260102", "eu-west-1", "cG9saWN5")).isNotEqualTo(base);
		assertThat(PostPolicySigner.signature("secret", "20260101", "eu-west-2", "cG9saWN5")).isNotEqualTo(base);
		assertThat(PostPolicySigner.signature("secret", "20260101", "eu-west-1", "cG9saWN6")).isNotEqualTo(base);
	}

}
