package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.MediaId;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.MediaStore;
import dev.chatstore.storage.NewMedia;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The contract of {@link MediaStore}: media metadata. */
public abstract class MediaStoreContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MediaStoreContractTests() {}

  private MediaStore media() {
    return storage().media();
  }

  @Test
  void createStoresEveryField() {
    Channel channel = newChannel();
    NewMedia input =
        new NewMedia(
            "Holiday Photo.PNG",
            "IMAGE/PNG; charset=binary",
            123_456_789_012L,
            TestData.sha256().toUpperCase(Locale.ROOT),
            "the beach at dusk",
            channel.createdBy(),
            channel.id());
    MediaItem item = await(media().create(input));
    assertThat(item.filename()).isEqualTo("Holiday Photo.PNG");
    assertThat(item.contentType()).isEqualTo(input.contentType());
    assertThat(item.size()).isEqualTo(123_456_789_012L);
    assertThat(item.sha256()).isEqualTo(input.sha256()).isLowerCase();
    assertThat(item.description()).isEqualTo("the beach at dusk");
    assertThat(item.uploaderId()).isEqualTo(channel.createdBy());
    assertThat(item.channelId()).isEqualTo(channel.id());
    assertThat(item.createdAt()).isEqualTo(clock.micros());
    media().findById(item.id()).as(StepVerifier::create).expectNext(item).verifyComplete();
  }

  @Test
  void mediaWithoutChannelOrDescriptionIsStored() {
    User user = newUser();
    NewMedia input =
        new NewMedia(
            "empty.bin", "application/octet-stream", 0, TestData.sha256(), null, user.id(), null);
    MediaItem item = await(media().create(input));
    assertThat(item.channelId()).isNull();
    assertThat(item.description()).isNull();
    assertThat(item.size()).isZero();
    media().findById(item.id()).as(StepVerifier::create).expectNext(item).verifyComplete();
  }

  @Test
  void createWithAMissingUploaderOrChannelIsAnInvalidArgument() {
    Channel channel = newChannel();
    UserId nobody = UserId.generate();
    media()
        .create(TestData.newMedia(nobody, channel.id()))
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(InvalidArgumentException.class, "user " + nobody + " does not exist"))
        .verify();
    ChannelId nowhere = ChannelId.generate();
    media()
        .create(TestData.newMedia(channel.createdBy(), nowhere))
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(InvalidArgumentException.class, "channel " + nowhere + " does not exist"))
        .verify();
    media()
        .create(TestData.newMedia(nobody, nowhere))
        .as(StepVerifier::create)
        .as("the uploader is checked first")
        .expectErrorMatches(
            failure(InvalidArgumentException.class, "user " + nobody + " does not exist"))
        .verify();
    media()
        .pageByUploader(channel.createdBy(), null, 10)
        .as(StepVerifier::create)
        .as("nothing was stored")
        .verifyComplete();
  }

  @Test
  void findByIdIsEmptyForAnUnknownItem() {
    media().findById(MediaId.generate()).as(StepVerifier::create).verifyComplete();
  }

  private static List<MediaId> walk(
      BiFunction<@Nullable MediaId, Integer, Flux<MediaItem>> page, int limit) {
    List<MediaId> seen = new ArrayList<>();
    MediaId after = null;
    for (int pages = 0; pages < 50; pages++) {
      List<MediaItem> items = awaitAll(page.apply(after, limit));
      assertThat(items).hasSizeLessThanOrEqualTo(limit);
      if (items.isEmpty()) {
        break;
      }
      items.forEach(i -> seen.add(i.id()));
      after = items.get(items.size() - 1).id();
    }
    return seen;
  }

  @Test
  void pageByChannelWalksTheChannelsMediaOldestFirstAcrossPages() {
    Channel channel = newChannel();
    Channel other = newChannel();
    List<MediaId> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      expected.add(
          await(media().create(TestData.newMedia(channel.createdBy(), channel.id()))).id());
      await(media().create(TestData.newMedia(other.createdBy(), other.id())));
    }
    assertThat(walk((after, limit) -> media().pageByChannel(channel.id(), after, limit), 3))
        .containsExactlyElementsOf(expected)
        .isSorted();
    assertThat(walk((after, limit) -> media().pageByChannel(channel.id(), after, limit), 1))
        .containsExactlyElementsOf(expected);
    assertThat(walk((after, limit) -> media().pageByChannel(channel.id(), after, limit), 500))
        .containsExactlyElementsOf(expected);
    media().pageByChannel(ChannelId.generate(), null, 10).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void pageByUploaderWalksAUsersMediaOldestFirstAcrossPages() {
    Channel channel = newChannel();
    User uploader = newUser();
    List<MediaId> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(
          await(media().create(TestData.newMedia(uploader.id(), i % 2 == 0 ? channel.id() : null)))
              .id());
      await(media().create(TestData.newMedia(channel.createdBy(), channel.id())));
    }
    assertThat(walk((after, limit) -> media().pageByUploader(uploader.id(), after, limit), 2))
        .containsExactlyElementsOf(expected)
        .isSorted();
    media().pageByUploader(UserId.generate(), null, 10).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void deleteRemovesTheItemAndAMissingItemIsNotFound() {
    User user = newUser();
    MediaItem item = await(media().create(TestData.newMedia(user.id(), null)));
    media().delete(item.id()).as(StepVerifier::create).verifyComplete();
    media().findById(item.id()).as(StepVerifier::create).verifyComplete();
    media().pageByUploader(user.id(), null, 10).as(StepVerifier::create).verifyComplete();
    media()
        .delete(item.id())
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "media " + item.id() + " not found"))
        .verify();
  }

  @Test
  void deletingTheChannelDeletesItsMedia() {
    Channel channel = newChannel();
    MediaItem item = await(media().create(TestData.newMedia(channel.createdBy(), channel.id())));
    awaitOrNull(storage().channels().delete(channel.id()));
    media().findById(item.id()).as(StepVerifier::create).verifyComplete();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 501, -1})
  void pagesRejectALimitOutOfRangeAtCallTime(int limit) {
    assertThatThrownBy(() -> media().pageByChannel(ChannelId.generate(), null, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> media().pageByUploader(UserId.generate(), null, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void nullArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    assertThatThrownBy(() -> media().create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("media");
    assertThatThrownBy(() -> media().findById(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> media().pageByChannel(null, null, 10))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> media().pageByUploader(null, null, 10))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("uploader");
    assertThatThrownBy(() -> media().delete(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
  }

  @Test
  void nothingHappensBeforeSubscriptionAndResubscribingRepeats() {
    User user = newUser();
    Mono<MediaItem> create = media().create(TestData.newMedia(user.id(), null));
    media().pageByUploader(user.id(), null, 10).as(StepVerifier::create).verifyComplete();
    create.as(StepVerifier::create).expectNextCount(1).verifyComplete();
    create.as(StepVerifier::create).expectNextCount(1).verifyComplete();
    media()
        .pageByUploader(user.id(), null, 10)
        .as(StepVerifier::create)
        .expectNextCount(2)
        .verifyComplete();
  }
}
