package dev.chatstore.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The chatstore HTTP service: the storage API over HTTP, with streaming history. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatstoreApplication {

  /**
   * Starts the service.
   *
   * @param args command-line arguments, such as {@code --chatstore.storage.url=...}
   */
  public static void main(String[] args) {
    SpringApplication.run(ChatstoreApplication.class, args);
  }
}
