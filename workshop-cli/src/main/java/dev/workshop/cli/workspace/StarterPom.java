package dev.workshop.cli.workspace;

import dev.workshop.cli.Version;
import dev.workshop.exercises.Exercise;

/** The pom.xml that {@code scaffold} writes beside the starter files, for the learner's IDE. */
public final class StarterPom {
  private StarterPom() {}

  /** The pom of an exercise's folder: the same text for the same exercise and workshop version. */
  public static String text(Exercise exercise) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Written by 'workshop scaffold' so that this folder opens in an IDE with the workshop
             runtime on the classpath. The verifier does not use it: 'workshop verify' compiles
             your files itself.
             It finds the runtime in your local Maven repository (~/.m2), where the workshop's
             own build installed it (the first ./workshop does that). To build this folder from
             anywhere, use the workshop's Maven wrapper:
               <the workshop's folder>/mvnw -q -o -f <this folder>/pom.xml compile -->
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.workshop.learner</groupId>
          <artifactId>%s</artifactId>
          <version>1.0</version>

          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
          </properties>

          <dependencies>
            <dependency>
              <groupId>dev.workshop</groupId>
              <artifactId>workshop-runtime</artifactId>
              <version>%s</version>
            </dependency>
          </dependencies>

          <build>
            <!-- Your .java files sit right here, next to this pom. -->
            <sourceDirectory>${project.basedir}</sourceDirectory>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.14.0</version>
                <configuration>
                  <!-- Your files of earlier exercises (.done/) are kept, not compiled. -->
                  <excludes>
                    <exclude>.done/**</exclude>
                    <exclude>target/**</exclude>
                  </excludes>
                </configuration>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-resources-plugin</artifactId>
                <version>3.3.1</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """
        .formatted(exercise.id(), Version.number());
  }
}
