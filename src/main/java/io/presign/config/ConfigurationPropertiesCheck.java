package io.presign.config;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Binds and validates every {@code presign.*} properties record before any bean is
 * created, and so before the web server starts: a mistake fails the start with one
 * {@link InvalidConfigurationException} naming the property as it is written, its value
 * unless it is a secret, and the fix. Spring Boot binds the same records again when it
 * creates them; found here, a mistake would otherwise surface during the web server's
 * start, where Tomcat logs it as an error of its own first and the report names the
 * validating method ({@code endpointSecure}) rather than a property.
 */
@Component
final class ConfigurationPropertiesCheck implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

	/** Parts of a property name whose value is a secret, never shown. */
	private static final Set<String> SECRET_WORDS = Set.of("secret", "password", "token", "sha256", "private-key");

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	/**
	 * After {@link UnknownPropertiesCheck}: a misspelt property reads as a missing one.
	 */
	@Override
	public int getOrder() {
		return UnknownPropertiesCheck.ORDER + 1;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Environment environment = this.environment;
		if (environment == null) {
			throw new IllegalStateException("No environment to check");
		}
		Binder binder = Binder.get(environment);
		List<InvalidConfigurationException.Problem> problems = new ArrayList<>();
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			SpringValidatorAdapter validator = new SpringValidatorAdapter(validation.getValidator());
			for (Class<?> type : propertiesTypes(beanFactory)) {
				String prefix = MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix");
				Bindable<?> target = Bindable.of(type).withBindMethod(BindMethod.VALUE_OBJECT);
				boolean validated = MergedAnnotations.from(type).isPresent(Validated.class);
				try {
					// A handler of its own per binding: it keeps what it found.
					binder.bindOrCreate(prefix, target,
							validated ? new ValidationBindHandler(validator) : BindHandler.DEFAULT);
				}
				catch (BindException ex) {
					problemsOf(ex, type, environment).stream()
						.filter((problem) -> !problems.contains(problem))
						.forEach(problems::add);
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidConfigurationException(problems);
		}
	}

	private static Set<Class<?>> propertiesTypes(ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> types = new LinkedHashSet<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null && type.isRecord() && type.getPackageName().startsWith("io.presign")
					&& MergedAnnotations.from(type).isPresent(ConfigurationProperties.class)) {
				types.add(type);
			}
		}
		return types;
	}

	private static List<InvalidConfigurationException.Problem> problemsOf(BindException ex, Class<?> type,
			Environment environment) {
		List<InvalidConfigurationException.Problem> problems = new ArrayList<>();
		if (ex.getCause() instanceof BindValidationException validation) {
			Map<String, ChecksProperty> checks = checks(type);
			String prefix = validation.getValidationErrors().getName().toString();
			for (ObjectError error : validation.getValidationErrors().getAllErrors()) {
				String path = (error instanceof FieldError field) ? field.getField() : "";
				InvalidConfigurationException.Problem problem = problem(prefix, path, error, checks, environment);
				if (!problems.contains(problem)) {
					problems.add(problem);
				}
			}
			return problems;
		}
		ConfigurationProperty property = ex.getProperty();
		String name = (property != null) ? property.getName().toString() : ex.getName().toString();
		Object value = (property != null) ? property.getValue() : null;
		String target = ex.getTarget().getType().resolve(Object.class).getSimpleName();
		problems
			.add(new InvalidConfigurationException.Problem(name, shown(name, (value != null) ? value.toString() : null),
					"cannot be read as " + article(target) + " " + target,
					"write " + example(target) + ", as docs/configuration.md shows"));
		return problems;
	}

	private static InvalidConfigurationException.Problem problem(String prefix, String path, ObjectError error,
			Map<String, ChecksProperty> checks, Environment environment) {
		// A failure is reported where it was found: relative to the bound name, or as the
		// bound name itself.
		List<String> elements = elements(path.isEmpty() ? prefix : prefix + "." + path);
		String last = elements.isEmpty() ? "" : elements.get(elements.size() - 1);
		ChecksProperty check = checks.get(last);
		String fix = "";
		if (check != null) {
			elements.set(elements.size() - 1, check.value());
			fix = check.fix();
		}
		String name = String.join(".", elements);
		if (check == null) {
			fix = fixOf(name, error);
		}
		String message = String.valueOf(error.getDefaultMessage());
		return new InvalidConfigurationException.Problem(name, shown(name, environment.getProperty(name)), message,
				fix);
	}

	/**
	 * A validation path ({@code profiles[files].endpointSecure}) as a property is
	 * written: {@code profiles.files.endpoint-secure}; map keys keep their case.
	 */
	private static List<String> elements(String path) {
		List<String> elements = new ArrayList<>();
		for (String part : path.split("\\.")) {
			if (part.isEmpty()) {
				continue;
			}
			int bracket = part.indexOf('[');
			String head = (bracket >= 0) ? part.substring(0, bracket) : part;
			if (!head.isEmpty()) {
				elements.add(dashed(head));
			}
			for (int at = bracket; at >= 0; at = part.indexOf('[', at + 1)) {
				int close = part.indexOf(']', at);
				String key = part.substring(at + 1, (close > at) ? close : part.length());
				elements.add(key.matches("\\d+") ? "[" + key + "]" : key);
			}
		}
		// A list index belongs to the element before it: api-keys[0].sha256, not
		// api-keys.[0].sha256.
		List<String> joined = new ArrayList<>();
		for (String element : elements) {
			if (element.startsWith("[") && !joined.isEmpty()) {
				joined.set(joined.size() - 1, joined.get(joined.size() - 1) + element);
			}
			else {
				joined.add(element);
			}
		}
		return joined;
	}

	private static String dashed(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	/**
	 * The {@link ChecksProperty} of every validating method of the type and the records
	 * it holds, by the name its failure carries ({@code endpoint-secure} for
	 * {@code isEndpointSecure}).
	 */
	private static Map<String, ChecksProperty> checks(Class<?> type) {
		Map<String, ChecksProperty> checks = new HashMap<>();
		collect(type, checks, new HashSet<>());
		return checks;
	}

	private static void collect(Type type, Map<String, ChecksProperty> checks, Set<Class<?>> seen) {
		if (type instanceof ParameterizedType parameterized) {
			Arrays.stream(parameterized.getActualTypeArguments())
				.forEach((argument) -> collect(argument, checks, seen));
			return;
		}
		if (!(type instanceof Class<?> raw) || !raw.isRecord() || !seen.add(raw)) {
			return;
		}
		for (Method method : raw.getDeclaredMethods()) {
			ChecksProperty check = method.getAnnotation(ChecksProperty.class);
			if (check != null && method.getName().startsWith("is")) {
				checks.put(dashed(
						method.getName().substring(2, 3).toLowerCase(Locale.ROOT) + method.getName().substring(3)),
						check);
			}
		}
		for (RecordComponent component : raw.getRecordComponents()) {
			collect(component.getGenericType(), checks, seen);
		}
	}

	/**
	 * How to fix the properties people most often get wrong, by the last part of their
	 * name.
	 */
	private static final Map<String, String> FIXES = Map.of("secret",
			"set a random secret of at least 32 characters, the same on every replica, such as the output of "
					+ "openssl rand -base64 48",
			"region", "set the bucket's region, such as eu-west-1 (aws s3api get-bucket-location tells it)", "bucket",
			"set the bucket's name", "operations", "list what the profile allows: download, upload or both");

	private static String fixOf(String property, ObjectError error) {
		String fix = FIXES.get(property.substring(property.lastIndexOf('.') + 1));
		if (fix != null) {
			return fix;
		}
		return switch (String.valueOf(error.getCode())) {
			case "NotBlank", "NotNull", "NotEmpty" -> "set it, as docs/configuration.md shows";
			default -> "change it: it " + error.getDefaultMessage();
		};
	}

	/**
	 * @return the value as a failure may show it: masked where the property holds a
	 * secret
	 */
	static @Nullable String shown(String property, @Nullable String value) {
		if (value == null) {
			return null;
		}
		String lower = property.toLowerCase(Locale.ROOT);
		return SECRET_WORDS.stream().anyMatch(lower::contains) ? InvalidConfigurationException.Problem.MASKED : value;
	}

	private static String article(String noun) {
		return "AEIOU".indexOf(Character.toUpperCase(noun.charAt(0))) >= 0 ? "an" : "a";
	}

	private static String example(String target) {
		return switch (target) {
			case "Duration" -> "a duration such as 30s, 5m or 1h";
			case "DataSize" -> "a size such as 512KB or 10MB";
			case "URI" -> "a URL such as https://s3.eu-west-1.amazonaws.com";
			case "boolean", "Boolean" -> "true or false";
			case "int", "Integer", "long", "Long" -> "a whole number";
			default -> "one of the values the property takes";
		};
	}

}
