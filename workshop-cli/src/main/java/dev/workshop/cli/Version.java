package dev.workshop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version stamped into the jar by the build. */
public final class Version implements IVersionProvider {

  public static String number() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/workshop.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // An unknown version is not worth failing over.
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "workshop " + number(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
