package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.KafkaDistribution.LoggingBackend;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class KafkaDistributionTest {

    /** Kafka 3.9.2 brings reload4j and its SLF4J binding transitively. */
    private static final List<String> KAFKA_3_JARS = List.of("connect-runtime-3.9.2.jar", "kafka-clients-3.9.2.jar",
            "kafka_2.13-3.9.2.jar", "reload4j-1.2.25.jar", "slf4j-api-1.7.36.jar", "slf4j-reload4j-1.7.36.jar");
    /** Kafka 4.3.1 brings log4j-core but no SLF4J binding. */
    private static final List<String> KAFKA_4_JARS = List.of("connect-runtime-4.3.1.jar", "kafka-clients-4.3.1.jar",
            "kafka_2.13-4.3.1.jar", "log4j-api-2.25.4.jar", "log4j-core-2.25.4.jar", "slf4j-api-1.7.36.jar");

    @Test
    void pomIsWellFormedAndListsWorkerArtifacts() throws Exception {
        String pom = KafkaDistribution.pom("4.3.1", "org.apache.logging.log4j:log4j-slf4j-impl:2.25.4");

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8)));
        NodeList dependencies = ((Element) document.getElementsByTagName("dependencies").item(0))
                .getElementsByTagName("dependency");
        assertThat(dependencies.getLength()).isEqualTo(4);
        assertThat(pom)
                .contains("<artifactId>kafka_2.13</artifactId><version>4.3.1</version>")
                .contains("<artifactId>connect-runtime</artifactId><version>4.3.1</version>")
                .contains("<artifactId>kafka-tools</artifactId><version>4.3.1</version>")
                .contains("<artifactId>log4j-slf4j-impl</artifactId><version>2.25.4</version>")
                .contains("<excludeArtifactIds>connect-file</excludeArtifactIds>")
                .contains("<id>libs</id>")
                .contains("<id>connect-file</id>");
    }

    @Test
    void addsLog4j2BindingMatchingLog4jCoreOnlyWhenMissing() {
        assertThat(KafkaDistribution.missingSlf4jBinding(KAFKA_3_JARS)).isEmpty();
        assertThat(KafkaDistribution.missingSlf4jBinding(KAFKA_4_JARS))
                .contains("org.apache.logging.log4j:log4j-slf4j-impl:2.25.4");
        assertThat(KafkaDistribution.missingSlf4jBinding(List.of("log4j-core-2.30.0.jar", "slf4j-api-2.0.17.jar")))
                .contains("org.apache.logging.log4j:log4j-slf4j2-impl:2.30.0");
        assertThat(KafkaDistribution.missingSlf4jBinding(List.of("slf4j-api-1.7.36.jar"))).isEmpty();
    }

    @Test
    void detectsLoggingBackend() {
        assertThat(KafkaDistribution.loggingBackend(KAFKA_3_JARS)).isEqualTo(LoggingBackend.LOG4J1);
        assertThat(KafkaDistribution.loggingBackend(KAFKA_4_JARS)).isEqualTo(LoggingBackend.LOG4J2);
        assertThat(KafkaDistribution.loggingBackend(List.of("slf4j-api-1.7.36.jar")))
                .isEqualTo(LoggingBackend.UNKNOWN);
    }

    @Test
    void readsVersionsFromJarNames() {
        List<String> jars = List.of("log4j-api-2.25.4.jar", "kafka_2.13-3.9.2.jar", "javassist-3.30.2-GA.jar",
                "jetty-util-9.4.57.v20241219.jar", "zstd-jni-1.5.6-4.jar");

        assertThat(KafkaDistribution.jarVersion(jars, "kafka_2.13")).contains("3.9.2");
        assertThat(KafkaDistribution.jarVersion(jars, "log4j-api")).contains("2.25.4");
        assertThat(KafkaDistribution.jarVersion(jars, "log4j")).isEmpty();
        assertThat(KafkaDistribution.jarVersion(jars, "javassist")).contains("3.30.2-GA");
        assertThat(KafkaDistribution.jarVersion(jars, "jetty-util")).contains("9.4.57.v20241219");
        assertThat(KafkaDistribution.jarVersion(jars, "zstd-jni")).contains("1.5.6-4");
    }

    @Test
    void completeCacheIsUsedWithoutRunningMaven(@TempDir Path root) throws Exception {
        Path home = root.resolve("kafka-9.8.7");
        Files.createDirectories(home.resolve("libs"));
        Files.createFile(home.resolve("libs").resolve("log4j-core-2.25.4.jar"));
        Files.createFile(home.resolve(KafkaDistribution.MARKER));

        KafkaDistribution distribution = KafkaDistribution.resolve("9.8.7", root);

        assertThat(distribution.version()).isEqualTo("9.8.7");
        assertThat(distribution.majorVersion()).isEqualTo(9);
        assertThat(distribution.home()).isEqualTo(home.toAbsolutePath());
        assertThat(distribution.libDir()).isEqualTo(home.toAbsolutePath().resolve("libs"));
        assertThat(distribution.classpath()).isEqualTo(home.toAbsolutePath().resolve("libs") + "/*");
        assertThat(distribution.connectFilePluginDir())
                .isEqualTo(home.toAbsolutePath().resolve("plugins").resolve("connect-file"));
        assertThat(distribution.loggingBackend()).isEqualTo(LoggingBackend.LOG4J2);
    }

    @Test
    void prefersTheMavenRunningTheBuild() {
        String previous = System.getProperty("maven.home");
        try {
            System.setProperty("maven.home", "/nonexistent/maven");
            assertThat(KafkaDistribution.mavenExecutable()).isEqualTo("mvn");
        } finally {
            if (previous == null) {
                System.clearProperty("maven.home");
            } else {
                System.setProperty("maven.home", previous);
            }
        }
    }
}
