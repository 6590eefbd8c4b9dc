package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MariaDbUrlsTest {

    @Test
    void aMysqlUrlGetsThePermitOnceWithTheRightSeparator() {
        assertThat(MariaDbUrls.permitMysqlScheme("jdbc:mysql://h:3306/db"))
            .isEqualTo("jdbc:mysql://h:3306/db?permitMysqlScheme");
        assertThat(MariaDbUrls.permitMysqlScheme("jdbc:mysql://h/db?useSSL=false"))
            .isEqualTo("jdbc:mysql://h/db?useSSL=false&permitMysqlScheme");
        assertThat(MariaDbUrls.permitMysqlScheme("jdbc:mysql://h/db?permitMysqlScheme"))
            .isEqualTo("jdbc:mysql://h/db?permitMysqlScheme");
        assertThat(MariaDbUrls.isMysqlScheme("JDBC:MySQL://h")).isTrue();
        assertThat(MariaDbUrls.isMysqlScheme("jdbc:mariadb://h")).isFalse();
    }
}
