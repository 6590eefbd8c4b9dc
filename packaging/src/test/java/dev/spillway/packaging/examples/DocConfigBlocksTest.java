package dev.spillway.packaging.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DocConfigBlocksTest {

    @Test
    void aWholeConnectorConfigIsTakenAsItStands() {
        List<DocConfigBlocks.Block> blocks = DocConfigBlocks.in("a.md", """
                # Title

                ```json
                {
                  "connector.class": "dev.spillway.connect.jdbc.JdbcSourceConnector",
                  "mode": "bulk"
                }
                ```
                """);
        assertThat(blocks).singleElement().satisfies(block -> {
            assertThat(block.where()).isEqualTo("a.md:3");
            assertThat(block.config()).containsExactly(
                    Map.entry("connector.class", "dev.spillway.connect.jdbc.JdbcSourceConnector"),
                    Map.entry("mode", "bulk"));
        });
    }

    @Test
    void aTransformFragmentRunsOnTheFileSourceWithItsAliasListMadeUp() {
        List<DocConfigBlocks.Block> blocks = DocConfigBlocks.in("b.md", """
                ```json
                "transforms.mask.type": "dev.spillway.connect.smt.Mask$Value",
                "transforms.mask.fields": "email",
                "transforms.g.type": "dev.spillway.connect.smt.Guard",
                "transforms.g.transforms.p.type": "dev.spillway.connect.smt.ParseJson$Value",
                "predicates.isEu.type": "dev.spillway.connect.smt.predicates.FieldMatches"
                ```
                """);
        assertThat(blocks).singleElement().satisfies(block -> {
            assertThat(block.connectorClass()).isEqualTo(DocConfigBlocks.FILE_SOURCE);
            assertThat(block.config()).containsEntry("topic", "docs-example")
                    .containsEntry("transforms", "mask,g").containsEntry("predicates", "isEu");
        });
    }

    @Test
    void anEllipsisConnectorClassRunsOnTheFileSourceAndAnExplicitAliasListIsKept() {
        List<DocConfigBlocks.Block> blocks = DocConfigBlocks.in("c.md", """
                ```json
                {"connector.class": "...", "transforms": "a", "transforms.a.type": "X", "transforms.b.type": "Y"}
                ```
                """);
        assertThat(blocks).singleElement().satisfies(block -> {
            assertThat(block.connectorClass()).isEqualTo(DocConfigBlocks.FILE_SOURCE);
            assertThat(block.config()).containsEntry("transforms", "a");
        });
    }

    @Test
    void dataBlocksAreLeftAlone() {
        assertThat(DocConfigBlocks.in("d.md", """
                ```json
                {"before": null, "after": {"id": 1}, "op": "c"}
                ```

                ```json
                {"topic":"dlq","headers":[{"key":"x",...}]}
                ```
                """)).isEmpty();
    }

    @Test
    void anAliasWithoutItsTypeCannotBeValidatedAndIsAnError() {
        assertThatThrownBy(() -> DocConfigBlocks.in("e.md", """
                ```json
                {"transforms.mask.partial.regex": "\\\\d"}
                ```
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("e.md:1: transforms [mask] have keys but no .type; make the block whole so it can be"
                        + " validated");
    }

    @Test
    void aConfigBlockThatIsNotJsonOrHoldsANonStringIsAnError() {
        assertThatThrownBy(() -> DocConfigBlocks.in("f.md", """
                ```json
                {"connector.class": "X", "tasks.max": 1}
                ```
                """)).hasMessageContaining("f.md:1: tasks.max is not a string");
        assertThatThrownBy(() -> DocConfigBlocks.in("g.md", """
                ```json
                {"connector.class": "X",, }
                ```
                """)).hasMessageStartingWith("g.md:1: a connector configuration block that is not JSON");
    }

    /** The repository's own docs: every block parses under these rules (ExampleConfigsIT validates them). */
    @Test
    void theRepositorysDocsHaveConfigBlocksThatAllParse() {
        Path docs = Path.of(System.getProperty("spillway.repo.root"), "docs");
        List<DocConfigBlocks.Block> blocks = DocConfigBlocks.under(docs);
        assertThat(blocks).hasSizeGreaterThan(10)
                .anySatisfy(b -> assertThat(b.where()).startsWith("jdbc-source.md"))
                .anySatisfy(b -> assertThat(b.where()).startsWith("smt/mask.md"));
    }
}
