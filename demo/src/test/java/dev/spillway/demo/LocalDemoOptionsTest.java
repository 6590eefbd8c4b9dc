package dev.spillway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDemoOptionsTest {

    @Test
    void missingZipSaysHowToBuildIt() {
        assertThatThrownBy(() -> LocalDemo.Options.parse(new String[0]))
                .isInstanceOf(LocalDemo.UsageException.class)
                .hasMessageContaining("--zip is required");
    }

    @Test
    void unknownArgumentIsNamed() {
        assertThatThrownBy(() -> LocalDemo.Options.parse(new String[] {"--frobnicate"}))
                .hasMessageContaining("'--frobnicate'");
    }

    @Test
    void flagWithoutValueIsNamed() {
        assertThatThrownBy(() -> LocalDemo.Options.parse(new String[] {"--zip"}))
                .hasMessageContaining("--zip needs a value");
    }

    @Test
    void jdbcFlagsNeedTheUrl(@TempDir Path dir) throws Exception {
        Path zip = Files.createFile(dir.resolve("spillway.zip"));
        assertThatThrownBy(() -> LocalDemo.Options.parse(
                new String[] {"--zip", zip.toString(), "--jdbc-user", "me"}))
                .hasMessageContaining("go with --jdbc-url");
        assertThatThrownBy(() -> LocalDemo.Options.parse(
                new String[] {"--zip", zip.toString(), "--jdbc-url", "postgresql://db/x"}))
                .hasMessageContaining("must be a JDBC URL");
        assertThat(LocalDemo.Options.parse(new String[] {"--zip", zip.toString()}).userDatabase()).isNull();
    }

    @Test
    void userDatabaseKeepsItsPasswordOutOfWhatIsPrinted(@TempDir Path dir) throws Exception {
        Path zip = Files.createFile(dir.resolve("spillway.zip"));
        LocalDemo.Options options = LocalDemo.Options.parse(new String[] {"--zip", zip.toString(),
            "--jdbc-url", "jdbc:postgresql://db:5432/shop?user=me&password=hunter2&ssl=true",
            "--jdbc-user", "me", "--jdbc-password", "s3cret"});
        JdbcPipeline.UserDatabase user = options.userDatabase();
        assertThat(user.password()).isEqualTo("s3cret");
        assertThat(user.displayUrl()).isEqualTo("jdbc:postgresql://db:5432/shop?user=me&password=****&ssl=true");
        assertThat(options.toString()).doesNotContain("s3cret", "hunter2");
        assertThat(new JdbcPipeline.UserDatabase("jdbc:mysql://me:pw@db/shop", null, null, null, null).displayUrl())
                .isEqualTo("jdbc:mysql://me:****@db/shop");
    }

    @Test
    void userTablesDefaultToThePublicSchemaOrTheUrlsDatabase() {
        assertThat(new JdbcPipeline.UserDatabase("jdbc:postgresql://db/shop", null, null, null, null).includeList())
                .isEqualTo("public\\..*");
        assertThat(new JdbcPipeline.UserDatabase("jdbc:mariadb://db:3306/my-shop?x=1", null, null, null, null)
                .includeList()).isEqualTo("my\\-shop\\..*");
        assertThat(new JdbcPipeline.UserDatabase("jdbc:mariadb://db:3306/shop", null, null, "shop\\.orders", null)
                .includeList()).isEqualTo("shop\\.orders");
        assertThatThrownBy(() -> new JdbcPipeline.UserDatabase("jdbc:sqlserver://db;password=pw", null, null, null,
                null).includeList()).hasMessageContaining("--jdbc-tables is needed")
                .hasMessageNotContaining("pw");
    }
}
