package dev.spillway.connect.smt.cdc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationTest {

    @Test
    void readsDebeziumCodes() {
        assertThat(Operation.fromCode("c")).contains(Operation.CREATE);
        assertThat(Operation.fromCode("r")).contains(Operation.READ);
        assertThat(Operation.fromCode("u")).contains(Operation.UPDATE);
        assertThat(Operation.fromCode("d")).contains(Operation.DELETE);
        assertThat(Operation.fromCode("t")).contains(Operation.TRUNCATE);
        assertThat(Operation.fromCode("m")).contains(Operation.MESSAGE);
    }

    @Test
    void unknownCodesAreEmpty() {
        assertThat(Operation.fromCode("x")).isEmpty();
        assertThat(Operation.fromCode("C")).isEmpty();
        assertThat(Operation.fromCode(null)).isEmpty();
    }

    @Test
    void onlyInsertsReadsAndUpdatesHaveANewRow() {
        assertThat(Operation.values()).filteredOn(Operation::hasNewRow)
            .containsExactly(Operation.CREATE, Operation.READ, Operation.UPDATE);
    }
}
