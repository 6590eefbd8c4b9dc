package dev.spillway.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.sql.Types;

class UnsupportedColumnExceptionTest {

    @Test
    void offersSkipOnlyForAColumnThatSkipWouldDrop() {
        assertThat(new UnsupportedColumnException("s.t", "c", "pair", Types.OTHER, false))
            .hasMessageContaining("Column 'c' of s.t has type pair").hasMessageContaining("column.unsupported.action=skip");
        assertThat(new UnsupportedColumnException("s.t", "id", "pair", Types.OTHER, true))
            .hasMessageNotContaining("column.unsupported.action=skip").hasMessageContaining("key.mode=columns")
            .hasMessageContaining("never dropped");
    }
}
