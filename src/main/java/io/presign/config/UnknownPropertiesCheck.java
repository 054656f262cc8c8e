package io.presign.config;

import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Stops start-up on any {@code presign.*} property that no properties class binds, naming
 * it and the nearest known name. Spring Boot ignores unknown properties, so a misspelt
 * limit ({@code max-contnet-length}) or an option this version does not have would leave
 * a deployment running as if it were not there.
 *
 * <p>
 * Names are checked against the shape of the {@code @ConfigurationProperties} records
 * bound under {@code presign}: record components, map keys, list indexes. Environment
 * variables are not checked: their names cannot be mapped back to one property name
 * unambiguously ({@code PRESIGN_PROFILES_MY_PROFILE_BUCKET}).
 */
@Component
final class UnknownPropertiesCheck implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

	/** Runs first of the configuration checks. */
	static final int ORDER = 0;

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("presign");

	/**
	 * Properties an earlier version had under another name: each is refused, naming where
	 * it went.
	 */
	private static final Map<ConfigurationPropertyName, String> MOVED = Map
		.of(ConfigurationPropertyName.of("presign.diagnostics.admin-scope"), "presign.security.admin-scope");

	private @Nullable ConfigurableEnvironment environment;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	/**
	 * Runs before any bean is created, so an unknown name is reported before a validation
	 * error it may cause (a misspelt required property reads as a missing one).
	 */
	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		List<Target> targets = Arrays.stream(beanFactory.getBeanDefinitionNames())
			.map((name) -> beanFactory.getType(name, false))
			.filter((type) -> type != null)
			.map((type) -> MergedAnnotations.from(type).get(ConfigurationProperties.class).isPresent() ? new Target(
					ConfigurationPropertyName
						.of(MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix")),
					ResolvableType.forClass(type)) : null)
			.filter((target) -> target != null)
			.filter((target) -> ROOT.equals(target.prefix()) || ROOT.isAncestorOf(target.prefix()))
			.sorted(Comparator.comparingInt((Target target) -> target.prefix().getNumberOfElements()).reversed())
			.toList();
		List<InvalidConfigurationException.Problem> problems = new ArrayList<>();
		ConfigurableEnvironment environment = this.environment;
		if (environment == null) {
			throw new IllegalStateException("No environment to check");
		}
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable) || fromEnvironmentVariables(source)) {
				continue;
			}
			iterable.stream()
				.filter((name) -> ROOT.isAncestorOf(name))
				.forEach((name) -> unknown(name, targets).ifPresent((suggestion) -> problems
					.add(describe(name, suggestion, iterable.getConfigurationProperty(name)))));
		}
		if (!problems.isEmpty()) {
			throw new InvalidConfigurationException(problems.stream().distinct().toList());
		}
	}

	private static boolean fromEnvironmentVariables(ConfigurationPropertySource source) {
		return source.getUnderlyingSource() instanceof PropertySource<?> propertySource
				&& StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(propertySource.getName());
	}

	private static InvalidConfigurationException.Problem describe(ConfigurationPropertyName name, Suggestion suggestion,
			@Nullable ConfigurationProperty property) {
		String where = (property != null && property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "";
		Object value = (property != null) ? property.getValue() : null;
		String shown = ConfigurationPropertiesCheck.shown(name.toString(), (value != null) ? value.toString() : null);
		String problem = "is not a property of this version, so it would do nothing" + where;
		String moved = MOVED.get(name);
		if (moved != null) {
			return new InvalidConfigurationException.Problem(name.toString(), shown, problem,
					"it is now '" + moved + "'; rename it");
		}
		return new InvalidConfigurationException.Problem(name.toString(), shown, problem,
				suggestion.nearest()
					.map((nearest) -> "did you mean '" + nearest + "'?")
					.orElse("remove it, or see docs/configuration.md for the properties there are"));
	}

	/**
	 * Follows the name through the properties classes' shape.
	 * @return empty when a properties class binds the name, else the nearest name that
	 * would be bound
	 */
	private static Optional<Suggestion> unknown(ConfigurationPropertyName name, List<Target> targets) {
		Target target = targets.stream()
			.filter((candidate) -> candidate.prefix().equals(name) || candidate.prefix().isAncestorOf(name))
			.findFirst()
			.orElse(null);
		if (target == null) {
			return Optional.of(new Suggestion(Optional.empty()));
		}
		ResolvableType type = target.type();
		for (int i = target.prefix().getNumberOfElements(); i < name.getNumberOfElements(); i++) {
			Class<?> raw = type.resolve(Object.class);
			if (Map.class.isAssignableFrom(raw)) {
				type = type.asMap().getGeneric(1);
			}
			else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
				// [0] or, as Kubernetes config trees and some config servers write it, .0
				if (!name.isNumericIndex(i)
						&& !name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL).matches("\\d+")) {
					return Optional.of(new Suggestion(Optional.empty()));
				}
				type = raw.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0);
			}
			else if (raw.isRecord()) {
				String element = name.getElement(i, ConfigurationPropertyName.Form.UNIFORM);
				RecordComponent match = null;
				for (RecordComponent component : raw.getRecordComponents()) {
					if (uniform(propertyName(component)).equals(element)) {
						match = component;
					}
				}
				if (match == null) {
					return Optional.of(new Suggestion(nearest(name, i, raw)));
				}
				type = ResolvableType.forField(fieldOf(raw, match), type);
			}
			else if (isValue(raw)) {
				// A value has nothing below it.
				return Optional.of(new Suggestion(Optional.empty()));
			}
			else {
				// A class whose shape is not followed here: trust the binder with what
				// lies below.
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	private static boolean isValue(Class<?> type) {
		return BeanUtils.isSimpleValueType(type) || TemporalAmount.class.isAssignableFrom(type)
				|| type == DataSize.class;
	}

	private static java.lang.reflect.Field fieldOf(Class<?> record, RecordComponent component) {
		try {
			return record.getDeclaredField(component.getName());
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String propertyName(RecordComponent component) {
		// @Name targets fields and parameters, so on a record it is found on the
		// component's field.
		Name renamed = fieldOf(component.getDeclaringRecord(), component).getAnnotation(Name.class);
		return DataObjectPropertyName.toDashedForm((renamed != null) ? renamed.value() : component.getName());
	}

	private static String uniform(String dashed) {
		return dashed.replace("-", "").toLowerCase(Locale.ROOT);
	}

	private static Optional<String> nearest(ConfigurationPropertyName name, int index, Class<?> record) {
		String element = name.getElement(index, ConfigurationPropertyName.Form.DASHED);
		String parent = (index > 0) ? name.chop(index).toString() + "." : "";
		return Arrays.stream(record.getRecordComponents())
			.map(UnknownPropertiesCheck::propertyName)
			.filter((known) -> distance(known, element) <= Math.max(2, known.length() / 3))
			.min(Comparator.comparingInt((String known) -> distance(known, element)))
			.map((known) -> parent + known);
	}

	/** Levenshtein distance, enough to catch transposed and dropped letters. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private record Target(ConfigurationPropertyName prefix, ResolvableType type) {
	}

	private record Suggestion(Optional<String> nearest) {
	}

}
