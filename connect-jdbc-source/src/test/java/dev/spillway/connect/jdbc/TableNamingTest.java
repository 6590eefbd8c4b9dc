package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.discovery.TableId;
import org.junit.jupiter.api.Test;

class TableNamingTest {

    private static final TableId ORDERS = new TableId("shop", "orders");

    @Test
    void schemaTableIsTheDefaultNaming() {
        assertThat(TableNaming.SCHEMA_TABLE.topic("p.", ORDERS)).isEqualTo("p.shop.orders");
        assertThat(TableNaming.SCHEMA_TABLE.schemaNames(ORDERS).valueName()).isEqualTo("shop.orders");
    }

    @Test
    void tableNamingDropsTheSchemaFromTopicAndSchemaNameLikeConfluent() {
        assertThat(TableNaming.TABLE.topic("p.", ORDERS)).isEqualTo("p.orders");
        assertThat(TableNaming.TABLE.schemaNames(ORDERS).valueName()).isEqualTo("orders");
        assertThat(TableNaming.TABLE.schemaNames(new TableId("shop", "order-lines")).valueName())
            .startsWith("order_lines_");
    }

    @Test
    void aTableWhoseNameWouldMakeAnInternalTopicIsRefusedNamingIt() {
        RecordSettings records = JdbcSourceConfig.unchecked(java.util.Map.of(
            "connection.url", "jdbc:postgresql://127.0.0.1:5432/test", "mode", "bulk", "table.naming", "table"))
            .recordSettings();
        assertThat(records.topic(new TableId("shop", "_prisma_migrations"))).isEqualTo("_prisma_migrations");
        // A transform may still rename it before the worker produces: left to the producer.
        assertThat(records.topic(new TableId("shop", "order items"))).isEqualTo("order items");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> records.topic(new TableId("shop", "connect-offsets")))
            .hasMessageContaining("Table shop.connect-offsets would go to the topic 'connect-offsets'")
            .hasMessageContaining("internal topic").hasMessageContaining("table.exclude.list");
    }
}
