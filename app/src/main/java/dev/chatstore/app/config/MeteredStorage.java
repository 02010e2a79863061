package dev.chatstore.app.config;

import dev.chatstore.storage.Storage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Wraps a {@link Storage} so that every store method records a timer {@code chatstore.storage}
 * tagged with {@code method} (such as {@code MessageStore.post}) and {@code outcome} ({@code
 * success}, {@code error}, {@code cancelled}), from subscription to termination. Long-lived {@code
 * follow} subscriptions are not timed (their duration says nothing about the database).
 */
final class MeteredStorage {

  static final String TIMER = "chatstore.storage";

  private MeteredStorage() {}

  static Storage wrap(Storage storage, MeterRegistry registry) {
    Map<Class<?>, Object> stores = new ConcurrentHashMap<>();
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result = invoke(storage, method, args);
          Class<?> type = method.getReturnType();
          if (result != null && type.isInterface() && type.getName().endsWith("Store")) {
            return stores.computeIfAbsent(type, t -> store(t, result, registry));
          }
          return result;
        };
    return (Storage)
        Proxy.newProxyInstance(
            Storage.class.getClassLoader(), new Class<?>[] {Storage.class}, handler);
  }

  private static Object store(Class<?> type, Object target, MeterRegistry registry) {
    String prefix = type.getSimpleName() + ".";
    Map<String, Timer[]> timers = new ConcurrentHashMap<>();
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          if (method.getName().equals("follow")) {
            return result;
          }
          String name = prefix + method.getName();
          if (result instanceof Mono<?> mono) {
            Timer[] t = timers.computeIfAbsent(name, n -> timers(n, registry));
            return Mono.defer(
                () -> {
                  Timer.Sample sample = Timer.start(registry);
                  return mono.doFinally(signal -> sample.stop(pick(t, signal)));
                });
          }
          if (result instanceof Flux<?> flux) {
            Timer[] t = timers.computeIfAbsent(name, n -> timers(n, registry));
            return Flux.defer(
                () -> {
                  Timer.Sample sample = Timer.start(registry);
                  return flux.doFinally(signal -> sample.stop(pick(t, signal)));
                });
          }
          return result;
        };
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Timer[] timers(String method, MeterRegistry registry) {
    String[] outcomes = {"success", "error", "cancelled"};
    Timer[] timers = new Timer[outcomes.length];
    for (int i = 0; i < outcomes.length; i++) {
      timers[i] =
          Timer.builder(TIMER)
              .description("Storage calls, from subscription to termination")
              .tag("method", method)
              .tag("outcome", outcomes[i])
              .register(registry);
    }
    return timers;
  }

  private static Timer pick(Timer[] timers, SignalType signal) {
    return switch (signal) {
      case ON_ERROR -> timers[1];
      case CANCEL -> timers[2];
      default -> timers[0];
    };
  }

  private static @Nullable Object invoke(Object target, Method method, Object @Nullable [] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
