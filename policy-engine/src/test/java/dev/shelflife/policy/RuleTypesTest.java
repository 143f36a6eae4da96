package dev.shelflife.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ShelfLifeException;
import dev.shelflife.policy.rule.AgeLimit;
import dev.shelflife.policy.rule.KevDeadline;
import dev.shelflife.policy.rule.RemediationSla;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleTypesTest {

    @TempDir
    Path classPathRoot;

    @Test
    void findsEveryBuiltInRuleThroughTheServiceLoader() {
        assertThat(RuleTypes.load().names())
                .containsExactly(
                        "severity-gate",
                        "sla",
                        "image-age",
                        "scan-age",
                        "database-age",
                        "deny",
                        "coverage",
                        "no-new-findings",
                        "kev",
                        "epss",
                        "base-image-current");
    }

    @Test
    void describesEachBuiltInRuleByItsOwnType() {
        RuleTypes types = RuleTypes.load();

        assertThat(types.describing(AgeLimit.scan(Duration.ofDays(7))).map(RuleType::name))
                .contains("scan-age");
        assertThat(types.describing(AgeLimit.database(Duration.ofDays(7))).map(RuleType::name))
                .contains("database-age");
        assertThat(types.describing(KevDeadline.dueDate().withId("kev-prod")).map(RuleType::name))
                .contains("kev");
        assertThat(types.describing(new FixedRule())).isEmpty();
    }

    @Test
    void stopsDiscoveryOnADuplicateNameNamingBothClasses() throws IOException {
        ClassLoader loader = loaderListing(SecondSla.class);

        assertThatThrownBy(() -> RuleTypes.load(loader))
                .isInstanceOf(ShelfLifeException.class)
                .hasMessage("two rule types have the name \"sla\": " + RemediationSla.Type.class.getName() + " and "
                        + SecondSla.class.getName());
    }

    @Test
    void reportsATypeThatCannotBeInstantiated() throws IOException {
        ClassLoader loader = loaderListing(NoDefaultConstructor.class);

        assertThatThrownBy(() -> RuleTypes.load(loader))
                .isInstanceOf(ShelfLifeException.class)
                .hasMessageContaining(NoDefaultConstructor.class.getName());
    }

    @Test
    void refusesATypeWithoutAUsableName() {
        assertThatThrownBy(() -> RuleTypes.of(List.of(new Fixed("Not A Name"))))
                .isInstanceOf(ShelfLifeException.class)
                .hasMessageContaining("invalid name \"Not A Name\"");
    }

    @Test
    void bindsARuleOfOnesOwnFromAPolicyWithTypedKeys() {
        RuleTypes types = withBuiltIns(new Fixed("fixed"));

        Policy policy = Policies.parse("p.yaml", """
                stages:
                  deploy:
                    mode: enforce
                    rules:
                      - rule: fixed
                        id: fixed-prod
                        message: it is Friday
                        within: 3d
                """, types);

        assertThat(policy.stage(dev.shelflife.Stage.DEPLOY).orElseThrow().rules())
                .containsExactly(new FixedRule("fixed-prod", Effect.BLOCK, "it is Friday", Duration.ofDays(3)));
    }

    @Test
    void reportsTheProblemsOfARuleOfOnesOwnWhereTheyAre() {
        RuleTypes types = withBuiltIns(new Fixed("fixed"));

        String message = assertThatThrownBy(() -> Policies.parse("p.yaml", """
                        stages:
                          deploy:
                            mode: enforce
                            rules:
                              - rule: fixed
                                within: 3 days
                                colour: red
                              - rule: fixed
                                id: second
                                message: ""
                        """, types))
                .isInstanceOf(PolicyException.class)
                .actual()
                .getMessage();

        assertThat(message)
                .contains("p.yaml:5:9 (/stages/deploy/rules/0): missing key \"message\" in rule fixed")
                .contains("p.yaml:6:17 (/stages/deploy/rules/0/within): bad duration \"3 days\"")
                .contains("(/stages/deploy/rules/0/colour): unknown key \"colour\" in rule fixed; expected one of:"
                        + " rule, id, effect, message, within")
                .contains("(/stages/deploy/rules/1/message): a message must not be blank");
    }

    @Test
    void listsTheInstalledTypesForAnUnknownRule() {
        RuleTypes types = withBuiltIns(new Fixed("fixed"));

        assertThatThrownBy(() -> Policies.parse("p.yaml", """
                        stages:
                          deploy:
                            mode: enforce
                            rules:
                              - rule: fxed
                        """, types))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("unknown rule \"fxed\"; expected one of: severity-gate, sla,")
                .hasMessageContaining("base-image-current, fixed");
    }

    @Test
    void reportsATypeThatRefusesARuleWithoutSayingWhy() {
        RuleTypes types = withBuiltIns(new Silent());

        assertThatThrownBy(() -> Policies.parse("p.yaml", """
                        stages:
                          deploy:
                            mode: enforce
                            rules:
                              - rule: silent
                        """, types))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(
                        "rule type silent (" + Silent.class.getName() + ") bound no rule and reported no problem");
    }

    private static RuleTypes withBuiltIns(RuleType... more) {
        List<RuleType> all = new ArrayList<>(RuleTypes.load().all());
        all.addAll(List.of(more));
        return RuleTypes.of(all);
    }

    private ClassLoader loaderListing(Class<?>... types) throws IOException {
        Path services = classPathRoot.resolve("META-INF/services/" + RuleType.class.getName());
        Files.createDirectories(services.getParent());
        StringBuilder lines = new StringBuilder("# test rule types\n");
        for (Class<?> type : types) {
            lines.append(type.getName()).append('\n');
        }
        Files.writeString(services, lines);
        return new URLClassLoader(
                new URL[] {classPathRoot.toUri().toURL()}, getClass().getClassLoader());
    }

    /** A rule of one's own: a fixed violation message, and a duration only to read one. */
    record FixedRule(String id, Effect effect, String message, Duration within) implements Rule {
        FixedRule() {
            this("fixed", Effect.BLOCK, "fixed", Duration.ofDays(1));
        }

        FixedRule {
            if (message.isBlank()) {
                throw new IllegalArgumentException("a message must not be blank");
            }
        }

        @Override
        public RuleResult evaluate(RuleContext context) {
            return RuleResult.builder(context.at())
                    .violation(Violation.builder(id, message).build())
                    .build();
        }
    }

    /** The type of {@link FixedRule}, under a name of the test's choice. */
    static class Fixed implements RuleType {
        private final String name;

        Fixed(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a fixed violation";
        }

        @Override
        public Class<? extends Rule> ruleClass() {
            return FixedRule.class;
        }

        @Override
        public List<RuleKey> keys() {
            return List.of(
                    RuleKey.required("message", ValueType.TEXT, "the message"),
                    RuleKey.optional("within", ValueType.DURATION, "1d", "a duration"));
        }

        @Override
        public Optional<FixedRule> bind(RuleNode node) {
            Optional<String> message = node.required("message", ValueType.TEXT);
            Optional<Duration> within = node.optional("within", ValueType.DURATION, Duration.ofDays(1));
            Optional<String> id = node.optional("id", ValueType.TEXT, node.type());
            if (message.isEmpty() || within.isEmpty() || id.isEmpty()) {
                return Optional.empty();
            }
            return node.construct("message", () -> new FixedRule(id.get(), Effect.BLOCK, message.get(), within.get()));
        }
    }

    /** A second type named sla. */
    public static class SecondSla extends Fixed {
        public SecondSla() {
            super("sla");
        }
    }

    /** A type that the service loader cannot make. */
    public static class NoDefaultConstructor extends Fixed {
        public NoDefaultConstructor(String name) {
            super(name);
        }
    }

    /** A type that binds nothing and says nothing. */
    static class Silent extends Fixed {
        Silent() {
            super("silent");
        }

        @Override
        public Optional<FixedRule> bind(RuleNode node) {
            return Optional.empty();
        }
    }
}
