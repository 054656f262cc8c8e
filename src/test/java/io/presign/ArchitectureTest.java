package io.presign;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of docs/architecture.md hold:
 * {@code api → security → observability → issuing / diagnostics →
 * signing / config → policy}, no arrow back up; the API knows nothing of signing; policy
 * knows no web or AWS type; and no two packages need each other.
 */
class ArchitectureTest {

	private static final JavaClasses SERVICE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.presign");

	@Test
	void layersDependOnlyDownwards() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("api")
			.definedBy("io.presign.api..")
			.layer("security")
			.definedBy("io.presign.security..")
			.layer("observability")
			.definedBy("io.presign.observability..")
			.layer("issuing")
			.definedBy("io.presign.issuing..")
			.layer("diagnostics")
			.definedBy("io.presign.diagnostics..")
			.layer("signing")
			.definedBy("io.presign.signing..")
			.layer("config")
			.definedBy("io.presign.config..")
			.layer("policy")
			.definedBy("io.presign.policy..")
			.whereLayer("api")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("security")
			.mayOnlyBeAccessedByLayers("api")
			.whereLayer("observability")
			.mayOnlyBeAccessedByLayers("api", "security")
			.whereLayer("issuing")
			.mayOnlyBeAccessedByLayers("api", "security", "observability")
			.whereLayer("diagnostics")
			.mayOnlyBeAccessedByLayers("api", "security", "observability")
			// Not the API: it sees what issuing hands it, never a signer, an S3 client or
			// their results.
			.whereLayer("signing")
			.mayOnlyBeAccessedByLayers("security", "observability", "issuing", "diagnostics")
			.whereLayer("config")
			.mayOnlyBeAccessedByLayers("api", "security", "observability", "issuing", "diagnostics", "signing")
			.check(SERVICE);
	}

	@Test
	void policyKnowsNoWebAndNoAwsType() {
		noClasses().that()
			.resideInAPackage("io.presign.policy..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
					"software.amazon..", "org.springframework.boot..", "org.springframework.context..")
			.check(SERVICE);
	}

	@Test
	void noTwoPackagesNeedEachOther() {
		slices().matching("io.presign.(**)").should().beFreeOfCycles().check(SERVICE);
	}

}
