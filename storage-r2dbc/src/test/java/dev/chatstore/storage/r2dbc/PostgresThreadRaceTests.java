package dev.chatstore.storage.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.tck.StorageContractSupport;
import dev.chatstore.storage.tck.StorageFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Races the contract cannot stage the same way on every backend: on PostgreSQL, replies, purges of
 * their root and reply purges run in parallel transactions, serialized only by the channel's row
 * lock. Whatever the interleaving, each reply either counts on its root or is refused as an invalid
 * argument (its root was purged first), never an internal error, and the counters end exact.
 */
class PostgresThreadRaceTests extends StorageContractSupport {

  private static final int ATTEMPTS = 5;
  private static final int REPLIES = 24;

  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }

  @Test
  void repliesRacingAPurgeOfTheirRootEitherCountOrAreRefused() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Channel channel = newChannel();
      Message root = post(channel, "root");
      Flux<String> replies =
          Flux.range(0, REPLIES)
              .flatMap(
                  i ->
                      storage()
                          .messages()
                          .post(
                              new NewMessage(
                                  channel.id(), channel.createdBy(), "r" + i, root.id(), null))
                          .map(PostResult::replayed)
                          .map(replayed -> "posted")
                          .onErrorResume(InvalidArgumentException.class, e -> Mono.just("refused")),
                  8);
      Mono<String> purge = storage().messages().purge(root.id()).thenReturn("purged");
      List<String> outcomes = awaitAll(Flux.merge(replies, purge));
      assertThat(outcomes).contains("purged").hasSize(REPLIES + 1);
      long posted = outcomes.stream().filter("posted"::equals).count();
      List<Message> left = awaitAll(storage().messages().replies(root.id(), 0, 500));
      assertThat(left).as("replies stay in place after their root is purged").hasSize((int) posted);
      assertThat(awaitOrNull(storage().messages().findById(root.id()))).isNull();
    }
  }

  @Test
  void concurrentRepliesAndReplyPurgesLeaveExactCounters() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Channel channel = newChannel();
      Message root = post(channel, "root");
      List<Message> first =
          awaitAll(
              Flux.range(0, REPLIES)
                  .concatMap(
                      i ->
                          storage()
                              .messages()
                              .post(
                                  new NewMessage(
                                      channel.id(), channel.createdBy(), "a" + i, root.id(), null))
                              .map(PostResult::message)));
      Flux<Object> purges =
          Flux.fromIterable(first.subList(0, REPLIES / 2))
              .flatMap(reply -> storage().messages().purge(reply.id()).thenReturn(reply), 4)
              .cast(Object.class);
      Flux<Object> more =
          Flux.range(0, REPLIES)
              .flatMap(
                  i ->
                      storage()
                          .messages()
                          .post(
                              new NewMessage(
                                  channel.id(), channel.createdBy(), "b" + i, root.id(), null)),
                  4)
              .cast(Object.class);
      awaitAll(Flux.merge(purges, more));
      Message after = await(storage().messages().findById(root.id()));
      List<Message> replies = awaitAll(storage().messages().replies(root.id(), 0, 500));
      assertThat(after.replyCount()).isEqualTo(replies.size()).isEqualTo(REPLIES + REPLIES / 2);
      assertThat(after.lastReplyAt())
          .isEqualTo(replies.stream().map(Message::createdAt).max(Comparable::compareTo).get());
    }
  }
}
