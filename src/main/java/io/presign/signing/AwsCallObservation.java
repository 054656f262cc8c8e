package io.presign.signing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * One observation, hence one span, per call the service makes to AWS (STS, HeadBucket,
 * HeadObject, the multipart calls), a child of the request's: the SDK has no Micrometer
 * instrumentation of its own, and its interceptor hooks are where a call begins and ends.
 * Tagged with the service and operation only.
 */
public final class AwsCallObservation implements ExecutionInterceptor {

	private static final ExecutionAttribute<Observation> OBSERVATION = new ExecutionAttribute<>("presign.observation");

	private final ObservationRegistry registry;

	public AwsCallObservation(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Started with the calling thread's observation as its parent, but never put in
	 * scope: the SDK skips {@code onExecutionFailure} for some failures
	 * (aws-sdk-java-v2#806), and a scope left open would make later requests on the
	 * thread children of this call.
	 */
	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		String service = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
		String operation = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
		Observation observation = Observation.createNotStarted("presign.aws.call", this.registry)
			.contextualName(service + " " + operation)
			.lowCardinalityKeyValue("aws.service", service)
			.lowCardinalityKeyValue("aws.operation", operation)
			.parentObservation(this.registry.getCurrentObservation())
			.start();
		attributes.putAttribute(OBSERVATION, observation);
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		end(attributes, null);
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
		end(attributes, context.exception());
	}

	private static void end(ExecutionAttributes attributes, @Nullable Throwable failure) {
		Observation observation = attributes.getAttribute(OBSERVATION);
		if (observation == null) {
			return;
		}
		attributes.putAttribute(OBSERVATION, null);
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

}
