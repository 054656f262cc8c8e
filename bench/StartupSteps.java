import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Starts the service with Spring's {@link BufferingApplicationStartup} and prints where its start-up went: the
 * time of each kind of step (bean instantiation, configuration class parsing, ...) and the steps with the most
 * time of their own (less their children's), beans named. Then stops the service. For bench/startup-steps.sh,
 * which runs it on the extracted jar's class path; the arguments are the service's.
 */
public final class StartupSteps {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(io.presign.PresignServiceApplication.class);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
		application.setApplicationStartup(startup);
		long started = System.nanoTime();
		ConfigurableApplicationContext context = application.run(args);
		long runMs = (System.nanoTime() - started) / 1_000_000;
		List<StartupTimeline.TimelineEvent> events = startup.getBufferedTimeline().getEvents();
		Map<Long, Long> children = new HashMap<>();
		for (StartupTimeline.TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				children.merge(parent, event.getDuration().toNanos(), Long::sum);
			}
		}
		Map<String, Long> byName = new HashMap<>();
		List<Object[]> steps = new ArrayList<>();
		for (StartupTimeline.TimelineEvent event : events) {
			StartupStep step = event.getStartupStep();
			long own = event.getDuration().toNanos() - children.getOrDefault(step.getId(), 0L);
			byName.merge(step.getName(), own, Long::sum);
			StringBuilder tags = new StringBuilder();
			step.getTags().forEach((tag) -> {
				if (tag.getKey().equals("beanName")) {
					tags.append(' ').append(tag.getValue());
				}
			});
			steps.add(new Object[] { own, event.getDuration().toNanos(), step.getName() + tags });
		}
		System.err.printf("%nSpringApplication.run: %d ms%n%nms of their own, by kind of step:%n", runMs);
		byName.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(12)
			.forEach((entry) -> System.err.printf("%6d  %s%n", entry.getValue() / 1_000_000, entry.getKey()));
		System.err.printf("%nthe %d steps with the most time of their own (own ms, with children ms):%n", 40);
		steps.stream()
			.sorted((a, b) -> Long.compare((long) b[0], (long) a[0]))
			.limit(40)
			.forEach((step) -> System.err.printf("%6d %6d  %s%n", (long) step[0] / 1_000_000, (long) step[1] / 1_000_000,
					step[2]));
		context.close();
	}

}
