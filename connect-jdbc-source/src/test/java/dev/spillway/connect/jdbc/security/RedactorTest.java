package dev.spillway.connect.jdbc.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // PostgreSQL
        "jdbc:postgresql://db:5432/shop?user=kafka&password=S3cr3t|jdbc:postgresql://db:5432/shop?user=kafka&password=****",
        "jdbc:postgresql://db/shop?password=S3cr3t&ssl=true|jdbc:postgresql://db/shop?password=****&ssl=true",
        "jdbc:postgresql://db/shop?sslpassword=S3cr3t&sslmode=verify-full|jdbc:postgresql://db/shop?sslpassword=****&sslmode=verify-full",
        "jdbc:postgresql://kafka:S3cr3t@db:5432/shop|jdbc:postgresql://kafka:****@db:5432/shop",
        // MariaDB / MySQL
        "jdbc:mariadb://db:3306/shop?user=root&password=S3cr3t|jdbc:mariadb://db:3306/shop?user=root&password=****",
        "jdbc:mariadb://root:S3cr3t@db1,db2:3306/shop|jdbc:mariadb://root:****@db1,db2:3306/shop",
        "jdbc:mysql://address=(host=db)(port=3306)(password=S3cr3t)/shop|jdbc:mysql://address=(host=db)(port=3306)(password=****)/shop",
        "jdbc:mariadb://db/shop?trustStorePassword=S3cr3t&keyStorePassword=K3y|jdbc:mariadb://db/shop?trustStorePassword=****&keyStorePassword=****",
        // ;-separated (SQL Server, Derby style)
        "jdbc:sqlserver://db:1433;databaseName=shop;user=sa;password=S3cr3t;encrypt=true|jdbc:sqlserver://db:1433;databaseName=shop;user=sa;password=****;encrypt=true",
        "jdbc:sqlserver://db;pwd=S3cr3t|jdbc:sqlserver://db;pwd=****",
        // Oracle thin
        "jdbc:oracle:thin:scott/S3cr3t@db:1521/orcl|jdbc:oracle:thin:scott/****@db:1521/orcl",
        // nothing to hide
        "jdbc:postgresql://db:5432/shop|jdbc:postgresql://db:5432/shop",
        "jdbc:mariadb://db:3306/shop?user=root|jdbc:mariadb://db:3306/shop?user=root",
    })
    void masksPasswordsInUrlsOfEveryShape(String url, String expected) {
        assertThat(Redactor.url(url)).isEqualTo(expected);
    }

    @Test
    void keysAreCaseInsensitiveAndUrlDecoded() {
        assertThat(Redactor.url("jdbc:postgresql://db/x?PASSWORD=S3cr3t")).isEqualTo("jdbc:postgresql://db/x?PASSWORD=****");
        assertThat(Redactor.url("jdbc:postgresql://db/x?PassWord=S3cr3t")).isEqualTo("jdbc:postgresql://db/x?PassWord=****");
        assertThat(Redactor.url("jdbc:postgresql://db/x?pass%77ord=S3cr3t&a=b"))
            .isEqualTo("jdbc:postgresql://db/x?pass%77ord=****&a=b");
    }

    @Test
    void urlEncodedValuesAreMaskedWhole() {
        // %26 is an encoded '&', %3B an encoded ';': part of the value, not a separator.
        assertThat(Redactor.url("jdbc:postgresql://db/x?password=a%26b%3Bc%40d&user=u"))
            .isEqualTo("jdbc:postgresql://db/x?password=****&user=u");
        assertThat(Redactor.url("jdbc:mariadb://u:p%40ss%3Aw@db/x")).isEqualTo("jdbc:mariadb://u:****@db/x");
    }

    @Test
    void aPasswordWithSemicolonsOrAtSignsLeaksNoPart() {
        assertThat(Redactor.url("jdbc:postgresql://db/x?password=ab;cd&user=u"))
            .isEqualTo("jdbc:postgresql://db/x?password=****&user=u");
        assertThat(Redactor.url("jdbc:mariadb://u:p@ss@db/x")).isEqualTo("jdbc:mariadb://u:****@db/x");
        // pgjdbc splits parameters at & only: a # is part of the value.
        assertThat(Redactor.url("jdbc:postgresql://db/shop?user=u&password=ab#cd")).isEqualTo(
            "jdbc:postgresql://db/shop?user=u&password=****");
        assertThat(Redactor.url("jdbc:clickhouse://bob:pa/ss@h/db")).isEqualTo("jdbc:clickhouse://bob:****@h/db");
        assertThat(Redactor.url("jdbc:postgresql://db:5432/x?user=me@corp")).isEqualTo(
            "jdbc:postgresql://db:5432/x?user=me@corp");
        // Host lists and IPv6 literals hold colons and no userinfo.
        assertThat(Redactor.url("jdbc:postgresql://h1:5432,h2:5432/db?user=svc@corp&password=pw")).isEqualTo(
            "jdbc:postgresql://h1:5432,h2:5432/db?user=svc@corp&password=****");
        assertThat(Redactor.url("jdbc:postgresql://[::1]:5432/db?user=a@b")).isEqualTo(
            "jdbc:postgresql://[::1]:5432/db?user=a@b");
    }

    @Test
    void tokensAndOtherDriversSecretsAreMasked() {
        assertThat(Redactor.url("jdbc:trino://h:443/c?SSL=true&accessToken=eyJabc")).isEqualTo(
            "jdbc:trino://h:443/c?SSL=true&accessToken=****");
        assertThat(Redactor.url("jdbc:mysql://db/x?password1=a&password2=b")).isEqualTo(
            "jdbc:mysql://db/x?password1=****&password2=****");
        assertThat(Redactor.url("jdbc:x://h/db;OAuthClientSecret=s;SecretAccessKey=k;private_key_file_pwd=p"))
            .isEqualTo("jdbc:x://h/db;OAuthClientSecret=****;SecretAccessKey=****;private_key_file_pwd=****");
    }

    @Test
    void keysThatOnlyLookLikePasswordsAreKept() {
        assertThat(Redactor.url("jdbc:mysql://db/x?passwordCharacterEncoding=UTF-8&password=S3cr3t"))
            .isEqualTo("jdbc:mysql://db/x?passwordCharacterEncoding=UTF-8&password=****");
        assertThat(Redactor.url("jdbc:mysql://db/x?allowPublicKeyRetrieval=true&useSSL=false"))
            .isEqualTo("jdbc:mysql://db/x?allowPublicKeyRetrieval=true&useSSL=false");
    }

    @Test
    void sessionVariablesAreNotConfusedWithParameters() {
        assertThat(Redactor.url("jdbc:mariadb://db/x?sessionVariables=sql_mode=ANSI,wait_timeout=600&password=S3cr3t&user=u"))
            .isEqualTo("jdbc:mariadb://db/x?sessionVariables=sql_mode=ANSI,wait_timeout=600&password=****&user=u");
        assertThat(Redactor.url("jdbc:mariadb://db/x?password=S3cr3t&sessionVariables=old_passwords=0"))
            .isEqualTo("jdbc:mariadb://db/x?password=****&sessionVariables=old_passwords=0");
    }

    @Test
    void messagesThatQuoteTheUrlOrItsParametersAreMasked() {
        String url = "jdbc:postgresql://u:S3cr3t@db/x?password=Other";
        assertThat(Redactor.text("Cannot connect to " + url + ": refused", url))
            .isEqualTo("Cannot connect to jdbc:postgresql://u:****@db/x?password=****: refused")
            .doesNotContain("S3cr3t").doesNotContain("Other");
        assertThat(Redactor.text("Invalid properties user=a password=S3cr3t host=db"))
            .isEqualTo("Invalid properties user=a password=**** host=db");
        assertThat(Redactor.text("password authentication failed for user \"kafka\""))
            .isEqualTo("password authentication failed for user \"kafka\"");
        assertThat(Redactor.text("x?password=****abc&y=1")).isEqualTo("x?password=****&y=1");
        assertThat(Redactor.text(null)).isNull();
        assertThat(Redactor.url(null)).isNull();
    }
}
