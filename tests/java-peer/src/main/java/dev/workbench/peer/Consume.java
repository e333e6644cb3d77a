package dev.workbench.peer;

import java.util.List;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A real consumer of the official Java client: subscribes a consumer group to a topic, consumes
 * a given number of messages, commits the group's offsets to the broker and exits. Tests use it to
 * leave a committed offset that only a real consumer could have left (e.g. the message browser's
 * "consumed by").
 *
 * <p>Usage: {@code Consume <namesrvAddr> <topic> <group> <count> [--timeout-ms N]}
 *
 * <p>Output: one {@code {"kind":"msg",...}} JSON line per consumed message and a final
 * {@code {"kind":"end","consumed":N,"complete":true|false}}. Exit 0 when {@code count} messages
 * were consumed and committed, 3 when the deadline passed first, 2 on bad arguments, 1 on error.
 *
 * <p>Why the lite pull consumer with auto-commit off: the commit is explicit (commitSync, then the
 * offsets are persisted to the broker on shutdown), so when this process exits the broker holds
 * exactly "everything polled is consumed". It starts from the first offset so a group new to a
 * fresh topic reads the messages already there.
 */
public final class Consume {
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: Consume <namesrvAddr> <topic> <group> <count> [--timeout-ms N]");
      System.exit(2);
    }
    String namesrv = args[0];
    String topic = args[1];
    String group = args[2];
    int count = Integer.parseInt(args[3]);
    long timeoutMs = 60_000;
    for (int i = 4; i < args.length; i++) {
      if ("--timeout-ms".equals(args[i])) timeoutMs = Long.parseLong(args[++i]);
      else {
        System.err.println("unknown argument: " + args[i]);
        System.exit(2);
      }
    }
    long deadline = System.currentTimeMillis() + timeoutMs;
    DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
    consumer.setNamesrvAddr(namesrv);
    consumer.setInstanceName("wb-consume-" + ProcessHandle.current().pid());
    consumer.setAutoCommit(false);
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.setPullBatchSize(Math.max(1, Math.min(count, 32)));
    int consumed = 0;
    int exit = 0;
    try {
      consumer.subscribe(topic, "*");
      consumer.start();
      while (consumed < count) {
        if (System.currentTimeMillis() > deadline) {
          System.err.printf("deadline passed after %d of %d messages%n", consumed, count);
          exit = 3;
          break;
        }
        List<MessageExt> polled = consumer.poll(1_000);
        for (MessageExt m : polled) {
          consumed++;
          System.out.printf("{\"kind\":\"msg\",\"msgId\":\"%s\",\"broker\":\"%s\",\"queueId\":%d,\"queueOffset\":%d}%n",
              m.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX), m.getBrokerName(), m.getQueueId(), m.getQueueOffset());
        }
        if (!polled.isEmpty()) consumer.commitSync();
      }
      System.out.printf("{\"kind\":\"end\",\"consumed\":%d,\"complete\":%b}%n", consumed, exit == 0);
      System.out.flush();
    } catch (Exception e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      // shutdown persists the committed offsets to the broker (persistConsumerOffset)
      consumer.shutdown();
    }
    System.exit(exit);
  }
}
