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
}
