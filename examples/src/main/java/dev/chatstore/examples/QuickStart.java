package dev.chatstore.examples;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.User;
import java.io.PrintStream;
import reactor.core.publisher.Flux;

/**
 * The README's library snippet, runnable: {@code java -cp ... dev.chatstore.examples.QuickStart
 * [url] [messages]}. Its test runs it on a fresh SQLite file with more history than one page and
 * checks that the README shows this very code.
 */
public final class QuickStart {

  private QuickStart() {}

  /**
   * Runs the example.
   *
   * @param args the storage URL (default {@code sqlite:./data/example.db}) and how many messages to
   *     post (default 1200)
   */
  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "sqlite:./data/example.db";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1200;
    long printed = run(url, count, System.out);
    System.out.println(printed + " messages");
  }

  /**
   * Creates a user and a channel, posts messages, and streams the whole history.
   *
   * @param url the storage URL
   * @param count how many messages to post
   * @param out where each message is printed
   * @return how many messages the stream delivered
   */
  public static long run(String url, int count, PrintStream out) {
    // README: library snippet begins
    try (Storage storage = Storages.open(url)) {
      User alice =
          storage
              .users()
              .create(NewUser.of("alice", PasswordHash.pbkdf2("correct horse".toCharArray())))
              .block();
      Channel general = storage.channels().create(NewChannel.of("general", alice.id())).block();
      Flux.range(1, count)
          .concatMap(
              i ->
                  storage
                      .messages()
                      .post(
                          NewMessage.of(general.id(), alice.id(), "hello " + i)
                              .withClientTxnId("k-" + i)))
          .blockLast();
      // the whole history, demand-driven, page by page; wait for it before the storage closes
      return storage.messages().stream(general.id(), 0, Direction.FORWARD)
          .doOnNext(m -> out.println(m.seq() + " " + m.body()))
          .count()
          .block();
    }
    // README: library snippet ends
  }
}
