package io.presign;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of presign-service: issues Amazon S3 presigned URLs under per-profile
 * policy.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PresignServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(PresignServiceApplication.class, args);
	}

}
