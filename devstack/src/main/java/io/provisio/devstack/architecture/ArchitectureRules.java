package io.provisio.devstack.architecture;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape every service keeps (issue 11), as ArchUnit rules its {@code ArchitectureTest} applies to its own root
 * package ({@code io.provisio.<service>}), whose first segments are the features ({@code catalog},
 * {@code onboarding}, ...). {@code ArchitectureRulesTest} shows each rule failing on a violation.
 */
public final class ArchitectureRules {

    /** What a domain class never names: frameworks, the store's driver, the platform. */
    public static final List<String> FRAMEWORKS = List.of("org.springframework..", "com.mongodb..", "org.bson..",
            "io.provisio.platform..");
    /** The message contracts of every service ({@code io.provisio.<service>.contracts}). */
    public static final String CONTRACTS = "io.provisio.*.contracts..";

    private static final String ID = "org.springframework.data.annotation.Id";
    private static final String MONGO_ID = "org.springframework.data.mongodb.core.mapping.MongoId";
    private static final String FIELD = "org.springframework.data.mongodb.core.mapping.Field";

    private ArchitectureRules() {
    }

    /** Domain classes are plain Java: no framework, driver or platform type. */
    public static ArchRule domainIsFreeOfFrameworks() {
        return domainIsFreeOfFrameworks(noClasses().that().resideInAPackage("..domain.."));
    }

    /** The same for the domain classes {@code domain} selects, e.g. with known exceptions taken out. */
    public static ArchRule domainIsFreeOfFrameworks(GivenClassesConjunction domain) {
        return domain.should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS.toArray(String[]::new))
                .because("the domain is plain Java (issue 11)");
    }

    /** Domain classes name no message contract: a change of a wire record never changes the domain. */
    public static ArchRule domainIsFreeOfContracts() {
        return domainIsFreeOfContracts(noClasses().that().resideInAPackage("..domain.."));
    }

    /** The same for the domain classes {@code domain} selects, e.g. with known exceptions taken out. */
    public static ArchRule domainIsFreeOfContracts(GivenClassesConjunction domain) {
        return domain.should().dependOnClassesThat().resideInAPackage(CONTRACTS)
                .because("a contract change must not change the domain (issue 11)");
    }

    /**
     * Application services say no with a {@code Refusal} (ADR 031), never with an HTTP answer: no HTTP status, no
     * {@code ApiProblem}, no web framework type. {@code FieldError}, a plain record, names the fields of a refusal.
     */
    public static ArchRule applicationRefusesWithoutHttp() {
        return noClasses().that().resideInAPackage("..application..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..",
                        "org.springframework.web..", "jakarta.servlet..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.provisio.platform.web.ApiProblem")
                .because("one error style: application services throw Refusal, the web layer renders it (ADR 031)");
    }

    /**
     * No class of one feature of {@code root} depends on a class of another feature's persistence (a package
     * {@code <root>.<feature>.<persistence>..}, {@code persistence} or, say, {@code store}): a feature uses another
     * through its application services and domain types.
     */
    public static ArchRule featuresKeepTheirPersistence(String root, String... persistencePackages) {
        Pattern persistence = Pattern.compile(Pattern.quote(root) + "\\.([^.]+)\\.(?:"
                + String.join("|", persistencePackages) + ")(?:\\..*)?");
        Pattern feature = Pattern.compile(Pattern.quote(root) + "\\.([^.]+)(?:\\..*)?");
        return classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<>("use no other feature's " + String.join(" or ", persistencePackages)) {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Matcher own = feature.matcher(origin.getPackageName());
                        String ownFeature = own.matches() ? own.group(1) : "";
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            Matcher target = persistence.matcher(dependency.getTargetClass().getPackageName());
                            if (target.matches() && !target.group(1).equals(ownFeature)) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                });
    }

    /** The features of {@code root} depend on each other without a cycle. */
    public static ArchRule featuresAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles();
    }

    /** No cycle between any two packages of {@code root}, inside a feature or across. */
    public static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(**)").namingSlices("package $1").should().beFreeOfCycles();
    }

    /**
     * A stored document's id is a string id, {@code @MongoId(FieldType.STRING)}, whatever it looks like: with a
     * plain {@code @Id}, or none on a persistence record's {@code id}, Spring Data stores a string of 24 hex digits
     * as an ObjectId, and no filter by the string finds that document again. Covers every field annotated as an id
     * and the {@code id} of every persistence record: a record that is not public (a store's public records are what
     * it answers, not what it stores) in a {@code persistence} or {@code store} package.
     */
    public static ArchRule storedIdsAreStrings() {
        return fields().that(storedIds()).should(new ArchCondition<>("be @MongoId(FieldType.STRING)") {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                boolean string = field.tryGetAnnotationOfType(MONGO_ID).map(ArchitectureRules::targetsString)
                        .orElse(false);
                if (!string) {
                    events.add(SimpleConditionEvent.violated(field, field.getFullName()
                            + " may be stored as an ObjectId: declare it @MongoId(FieldType.STRING)"));
                }
            }
        }).allowEmptyShould(true).because("an id is found again by the string it was stored with (issue 11)");
    }

    private static DescribedPredicate<JavaField> storedIds() {
        return DescribedPredicate.describe("are stored ids", field -> field.isMetaAnnotatedWith(ID)
                || field.getName().equals("id") && isRecord(field.getOwner())
                && !field.getOwner().getModifiers().contains(JavaModifier.PUBLIC) && !namedByField(field)
                && field.getOwner().getPackageName().matches(".*\\.(persistence|store)(\\..*)?"));
    }

    /** An {@code id} given its stored name by {@code @Field("id")} is a plain property to Spring Data, not the id. */
    private static boolean namedByField(JavaField field) {
        return field.tryGetAnnotationOfType(FIELD).map(a -> !"".equals(a.get("value").orElse(""))
                || !"".equals(a.get("name").orElse(""))).orElse(false);
    }

    private static boolean isRecord(JavaClass owner) {
        return owner.getRawSuperclass().map(c -> c.getName().equals("java.lang.Record")).orElse(false);
    }

    private static boolean targetsString(JavaAnnotation<JavaField> mongoId) {
        return "STRING".equals(enumName(mongoId, "value")) || "STRING".equals(enumName(mongoId, "targetType"));
    }

    private static String enumName(JavaAnnotation<JavaField> annotation, String property) {
        return annotation.get(property).filter(JavaEnumConstant.class::isInstance)
                .map(value -> ((JavaEnumConstant) value).name()).orElse(null);
    }
}
