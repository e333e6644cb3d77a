package dev.workbench.peer;

import java.nio.charset.StandardCharsets;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.utils.MessageUtil;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A request-reply responder of the official Java client, the way the RocketMQ RPC example does
 * it: a push consumer of the request topic that answers every request with
 * {@code MessageUtil.createReplyMessage(request, body)} sent by a producer. The reply body is
 * {@code "reply:" + request body}, with a user property {@code responder=java-peer}.
 *
 * <p>Usage: {@code Reply <namesrvAddr> <topic> <group>}. Runs until killed.
 *
 * <p>Output: {@code {"kind":"ready"}} once the consumer has started, then one
 * {@code {"kind":"replied","correlationId":"…"}} per reply sent (or {@code "kind":"error"}).
 * Messages without a CORRELATION_ID (not requests) are consumed without a reply.
 */
public final class Reply {
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: Reply <namesrvAddr> <topic> <group>");
      System.exit(2);
    }
    String namesrv = args[0];
    String topic = args[1];
    String group = args[2];
    long pid = ProcessHandle.current().pid();

    DefaultMQProducer replyProducer = new DefaultMQProducer(group + "_replier");
    replyProducer.setNamesrvAddr(namesrv);
    replyProducer.setInstanceName("wb-reply-p-" + pid);
    replyProducer.start();

    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
    consumer.setNamesrvAddr(namesrv);
    consumer.setInstanceName("wb-reply-c-" + pid);
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.subscribe(topic, "*");
    consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
      for (MessageExt m : msgs) {
        String correlationId = m.getProperty(MessageConst.PROPERTY_CORRELATION_ID);
        if (correlationId == null) continue;
        try {
          byte[] body = ("reply:" + new String(m.getBody(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
          Message reply = MessageUtil.createReplyMessage(m, body);
          reply.putUserProperty("responder", "java-peer");
          replyProducer.send(reply, 3000);
          System.out.printf("{\"kind\":\"replied\",\"correlationId\":\"%s\"}%n", correlationId);
        } catch (Exception e) {
          System.out.printf("{\"kind\":\"error\",\"correlationId\":\"%s\",\"message\":\"%s\"}%n", correlationId, String.valueOf(e.getMessage()).replace("\"", "'"));
        }
        System.out.flush();
      }
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    consumer.start();
    System.out.println("{\"kind\":\"ready\"}");
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      consumer.shutdown();
      replyProducer.shutdown();
    }));
    Thread.currentThread().join();
  }
}
