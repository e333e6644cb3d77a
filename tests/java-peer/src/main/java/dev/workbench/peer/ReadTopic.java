package dev.workbench.peer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Reads every message of a topic back with the official Java client, independently of the
 * workbench's own code, and prints one JSON line per message on stdout.
 *
 * <p>Every message line carries the body's length and SHA-256 (hex); {@code --with-body} adds the
 * body itself in base64.
 *
 * <p>Usage: {@code ReadTopic <namesrvAddr> <topic> [--timeout-ms N] [--with-body]}
 *
 * <p>Output, in this order: one {@code {"kind":"queue",...}} line per queue with the min and max
 * offsets queried at start; one {@code {"kind":"msg",...}} line per message; a final
 * {@code {"kind":"end",...}} line with the total. Exit 0 when every queue was read up to its start
 * max offset, 3 when the deadline passed first, 2 on bad arguments, 1 on any other error.
 *
 * <p>Why the (deprecated) pull consumer: it pulls explicit offsets synchronously, so "read up to the
 * max offset queried at start" is a plain loop; there is no rebalance, no background pulling and no
 * consumer offset is ever committed (pulls carry no commit flag and the offset store is never
 * updated), so reading leaves no trace on the broker that could disturb a later reader.
 */
public final class ReadTopic {
  private static final int BATCH = 64;

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ReadTopic <namesrvAddr> <topic> [--timeout-ms N] [--with-body]");
      System.exit(2);
    }
    String namesrv = args[0];
    String topic = args[1];
    long timeoutMs = 60_000;
    boolean withBody = false;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--timeout-ms" -> timeoutMs = Long.parseLong(args[++i]);
        case "--with-body" -> withBody = true;
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    long deadline = System.currentTimeMillis() + timeoutMs;

    DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("WB_READ_TOPIC_" + ProcessHandle.current().pid());
    consumer.setNamesrvAddr(namesrv);
    consumer.setInstanceName("wb-read-topic-" + ProcessHandle.current().pid());
    int exit = 0;
    StringBuilder out = new StringBuilder(1 << 16);
    try {
      consumer.start();
      List<MessageQueue> queues = new ArrayList<>(consumer.fetchSubscribeMessageQueues(topic));
      queues.sort(Comparator.comparing(MessageQueue::getBrokerName).thenComparingInt(MessageQueue::getQueueId));
      long[] min = new long[queues.size()];
      long[] max = new long[queues.size()];
      for (int q = 0; q < queues.size(); q++) {
        MessageQueue mq = queues.get(q);
        min[q] = consumer.minOffset(mq);
        max[q] = consumer.maxOffset(mq);
        out.append("{\"kind\":\"queue\",\"broker\":").append(str(mq.getBrokerName()))
            .append(",\"queueId\":").append(mq.getQueueId())
            .append(",\"minOffset\":").append(min[q])
            .append(",\"maxOffset\":").append(max[q]).append("}\n");
      }
      flush(out);
      long total = 0;
      for (int q = 0; q < queues.size(); q++) {
        MessageQueue mq = queues.get(q);
        long offset = min[q];
        while (offset < max[q]) {
          if (System.currentTimeMillis() > deadline) {
            System.err.printf("deadline passed reading %s at offset %d of %d%n", mq, offset, max[q]);
            exit = 3;
            break;
          }
          int nums = (int) Math.min(BATCH, max[q] - offset);
          PullResult r = consumer.pull(mq, "*", offset, nums, 5_000);
          switch (r.getPullStatus()) {
            case FOUND -> {
              for (MessageExt m : r.getMsgFoundList()) {
                // Messages past the start max belong to a later writer: not part of this read.
                if (m.getQueueOffset() >= max[q]) continue;
                message(out, mq, m, withBody);
                total++;
              }
              offset = r.getNextBeginOffset();
            }
            // The consume queue said these offsets exist; a broker that is still dispatching
            // after a restart answers "nothing yet". Ask again until the deadline.
            case NO_NEW_MSG, NO_MATCHED_MSG -> Thread.sleep(50);
            case OFFSET_ILLEGAL -> {
              System.err.printf("offset %d illegal on %s, broker says next is %d (min %d, max %d)%n",
                  offset, mq, r.getNextBeginOffset(), r.getMinOffset(), r.getMaxOffset());
              if (r.getNextBeginOffset() <= offset) throw new IllegalStateException("no progress on " + mq);
              offset = r.getNextBeginOffset();
            }
          }
          if (out.length() > 1 << 16) flush(out);
        }
        if (exit != 0) break;
      }
      out.append("{\"kind\":\"end\",\"messages\":").append(total).append(",\"complete\":").append(exit == 0).append("}\n");
      flush(out);
    } catch (Exception e) {
      flush(out);
      e.printStackTrace();
      exit = 1;
    } finally {
      consumer.shutdown();
    }
    System.exit(exit);
  }

  private static void message(StringBuilder out, MessageQueue mq, MessageExt m, boolean withBody) {
    String uniq = m.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    String offsetMsgId = m instanceof MessageClientExt c ? c.getOffsetMsgId() : m.getMsgId();
    byte[] body = m.getBody();
    out.append("{\"kind\":\"msg\",\"msgId\":").append(str(uniq))
        .append(",\"offsetMsgId\":").append(str(offsetMsgId))
        .append(",\"keys\":").append(str(m.getKeys()))
        .append(",\"tags\":").append(str(m.getTags()))
        .append(",\"broker\":").append(str(mq.getBrokerName()))
        .append(",\"queueId\":").append(m.getQueueId())
        .append(",\"queueOffset\":").append(m.getQueueOffset())
        .append(",\"commitLogOffset\":").append(m.getCommitLogOffset())
        .append(",\"bodyLength\":").append(body == null ? 0 : body.length)
        // The body as the Java client hands it to an application (inflated by its own decoder):
        // a hash lets a test compare multi-MiB bodies without printing them.
        .append(",\"bodySha256\":").append(str(sha256(body == null ? new byte[0] : body)))
        .append(",\"bornTimestamp\":").append(m.getBornTimestamp())
        .append(",\"storeTimestamp\":").append(m.getStoreTimestamp());
    if (withBody) out.append(",\"bodyBase64\":").append(str(body == null ? "" : Base64.getEncoder().encodeToString(body)));
    Map<String, String> props = m.getProperties();
    out.append(",\"properties\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : props.entrySet()) {
      if (!first) out.append(',');
      first = false;
      out.append(str(e.getKey())).append(':').append(str(e.getValue()));
    }
    out.append("}}\n");
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void flush(StringBuilder out) {
    System.out.print(out);
    System.out.flush();
    out.setLength(0);
  }

  /** A JSON string literal (or null): keys, tags and properties come from anyone on the cluster. */
  private static String str(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
