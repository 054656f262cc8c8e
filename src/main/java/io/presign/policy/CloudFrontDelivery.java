package io.presign.policy;

/**
 * Downloads of a profile served through a CloudFront distribution whose origin is the
 * profile's bucket, so that a URL's path is the object's key.
 *
 * @param distributionDomain the distribution's host name, such as
 * {@code d111111abcdef8.cloudfront.net}
 * @param keyPairId the id of the public key in the distribution's trusted key group
 * @param privateKeyLocation where the matching private key is, as a Spring resource
 * location
 */
public record CloudFrontDelivery(String distributionDomain, String keyPairId, String privateKeyLocation) {
}
