package dev.chatstore.benchmarks;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Readable;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What the measured paths share: the raw message columns and row mapping, and raw connections. */
final class BenchRows {

  /** One page of the benchmark's lists. */
  static final int PAGE = 50;

  /** The message columns the raw queries read. */
  static final String COLUMNS =
      "id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at, edited_at,"
          + " deleted_at, version";

  private BenchRows() {}

  static Message message(Readable row) {
    UUID parent = row.get("parent_id", UUID.class);
    OffsetDateTime edited = row.get("edited_at", OffsetDateTime.class);
    OffsetDateTime deleted = row.get("deleted_at", OffsetDateTime.class);
    return new Message(
        MessageId.of(row.get("id", UUID.class)),
        ChannelId.of(row.get("channel_id", UUID.class)),
        row.get("seq", Long.class),
        UserId.of(row.get("author_id", UUID.class)),
        row.get("body", String.class),
        parent == null ? null : MessageId.of(parent),
        row.get("client_txn_id", String.class),
        row.get("created_at", OffsetDateTime.class).toInstant(),
        edited == null ? null : edited.toInstant(),
        deleted == null ? null : deleted.toInstant(),
        row.get("version", Long.class));
  }

  static PostgresqlConnectionFactory rawFactory(ConnectionFactoryOptions o) {
    Object password = o.getValue(ConnectionFactoryOptions.PASSWORD);
    Object port = o.getValue(ConnectionFactoryOptions.PORT);
    return new PostgresqlConnectionFactory(
        PostgresqlConnectionConfiguration.builder()
            .host(String.valueOf(o.getValue(ConnectionFactoryOptions.HOST)))
            .port(port == null ? 5432 : Integer.parseInt(port.toString()))
            .database(String.valueOf(o.getValue(ConnectionFactoryOptions.DATABASE)))
            .username(String.valueOf(o.getValue(ConnectionFactoryOptions.USER)))
            .password(password == null ? "" : password.toString())
            .build());
  }

  static java.sql.Connection jdbc(ConnectionFactoryOptions o) throws SQLException {
    Object password = o.getValue(ConnectionFactoryOptions.PASSWORD);
    Object port = o.getValue(ConnectionFactoryOptions.PORT);
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + o.getValue(ConnectionFactoryOptions.HOST)
            + ":"
            + (port == null ? 5432 : port)
            + "/"
            + o.getValue(ConnectionFactoryOptions.DATABASE),
        String.valueOf(o.getValue(ConnectionFactoryOptions.USER)),
        password == null ? "" : password.toString());
  }
}
