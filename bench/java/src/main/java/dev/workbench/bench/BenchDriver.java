package dev.workbench.bench;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * The Java peer of `npm run bench`: the official DefaultMQProducer (rocketmq-client, same version as
 * the broker), driven by the same line protocol as the Node peers (bench/protocol.ts). Sync and
 * batch run N sender threads; async keeps a window of W callbacks in flight with a Semaphore;
 * oneway runs N threads calling sendOneway. Latency per call with System.nanoTime, exact
 * nearest-rank percentiles; CPU = this process's CPU time over the measured phase.
 */
public final class BenchDriver {
  private static final PrintStream OUT = System.out;
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final Map<Boolean, DefaultMQProducer> PRODUCERS = new HashMap<>();
  private static String namesrv;
  private static String topic;

  public static void main(String[] args) throws Exception {
    // Client libraries must not write on the protocol stream.
    System.setOut(System.err);
    namesrv = System.getenv("BENCH_NAMESRV");
    topic = System.getenv("BENCH_TOPIC");
    try {
      producer(false);
    } catch (Throwable e) {
      emit(Map.of("type", "failed", "error", String.valueOf(e)));
      System.exit(1);
    }
    emit(Map.of("type", "ready"));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      JSONObject cmd = JSON.parseObject(line);
      if ("exit".equals(cmd.getString("cmd"))) break;
      JSONObject c = cmd.getJSONObject("case");
      try {
        emit(runCase(c));
      } catch (Throwable e) {
        emit(Map.of("type", "failed", "caseId", c.getString("id"), "error", String.valueOf(e)));
      }
    }
    for (DefaultMQProducer p : PRODUCERS.values()) p.shutdown();
    System.exit(0);
  }

  private static void emit(Object o) {
    synchronized (OUT) {
      OUT.println(JSON.toJSONString(o));
      OUT.flush();
    }
  }

  private static DefaultMQProducer producer(boolean compress) throws Exception {
    DefaultMQProducer p = PRODUCERS.get(compress);
    if (p == null) {
      long pid = ProcessHandle.current().pid();
      p = new DefaultMQProducer("bench_java_" + (compress ? "z" : "n") + "_" + pid);
      p.setNamesrvAddr(namesrv);
      p.setVipChannelEnabled(false);
      p.setSendMsgTimeout(3000);
      // Compression off unless the case asks for it (then the default: over 4096 bytes, zlib level 5).
      p.setCompressMsgBodyOverHowmuch(compress ? 4096 : Integer.MAX_VALUE);
      p.start();
      PRODUCERS.put(compress, p);
    }
    return p;
  }

  /** Per-thread latency samples (ms), merged at the end: no lock on the hot path. */
  static final class Recorder {
    static final class Buf {
      double[] a = new double[1 << 14];
      int n;
    }

    private final List<Buf> all = new ArrayList<>();
    private final ThreadLocal<Buf> local = ThreadLocal.withInitial(this::register);

    private synchronized Buf register() {
      Buf b = new Buf();
      all.add(b);
      return b;
    }

    void record(double ms) {
      Buf b = local.get();
      if (b.n == b.a.length) b.a = Arrays.copyOf(b.a, b.a.length * 2);
      b.a[b.n++] = ms;
    }

    synchronized double[] samples() {
      int total = 0;
      for (Buf b : all) total += b.n;
      double[] s = new double[total];
      int k = 0;
      for (Buf b : all) {
        System.arraycopy(b.a, 0, s, k, b.n);
        k += b.n;
      }
      return s;
    }
  }

  static Map<String, Object> percentiles(double[] s) {
    Map<String, Object> m = new HashMap<>();
    if (s.length == 0) {
      m.put("p50", null); m.put("p95", null); m.put("p99", null); m.put("max", null);
      return m;
    }
    Arrays.sort(s);
    int n = s.length;
    for (int p : new int[] {50, 95, 99}) m.put("p" + p, s[Math.min(n - 1, Math.max(0, (int) Math.ceil(p / 100.0 * n) - 1))]);
    m.put("max", s[n - 1]);
    return m;
  }

  static final class Phase {
    final AtomicLong acked = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong issued = new AtomicLong();
    final AtomicReference<String> firstError = new AtomicReference<>();
    double durationMs;

    void fail(Throwable e) {
      errors.incrementAndGet();
      firstError.compareAndSet(null, String.valueOf(e));
    }
  }

  private static Map<String, Object> runCase(JSONObject c) throws Exception {
    byte[] body = Files.readAllBytes(Paths.get(c.getString("bodyFile")));
    DefaultMQProducer p = producer(c.getBooleanValue("compress"));
    long max = c.getLongValue("maxMessages");
    Phase warm = phase(p, c, body, c.getLongValue("warmupMs"), Math.max(c.getIntValue("batchSize"), max / 4), null);
    Recorder rec = new Recorder();
    long cpu0 = OS.getProcessCpuTime();
    Phase m = phase(p, c, body, c.getLongValue("measureMs"), max, rec);
    long cpu = OS.getProcessCpuTime() - cpu0;
    Map<String, Object> r = new HashMap<>();
    r.put("type", "result");
    r.put("caseId", c.getString("id"));
    r.put("acked", m.acked.get());
    r.put("calls", m.calls.get());
    r.put("errors", m.errors.get() + warm.errors.get());
    r.put("firstError", m.firstError.get() != null ? m.firstError.get() : warm.firstError.get());
    r.put("warmupAcked", warm.acked.get());
    r.put("attempted", warm.issued.get() + m.issued.get());
    r.put("durationMs", m.durationMs);
    r.put("latencyMs", percentiles(rec.samples()));
    r.put("cpuMs", cpu / 1e6);
    return r;
  }

  private static Phase phase(DefaultMQProducer p, JSONObject c, byte[] body, long durationMs, long max, Recorder rec) throws Exception {
    String mode = c.getString("mode");
    int conc = c.getIntValue("concurrency");
    int batch = c.getIntValue("batchSize");
    Phase ph = new Phase();
    long begin = System.nanoTime();
    long end = begin + durationMs * 1_000_000L;
    long rate = c.getLongValue("ratePerSec");
    long nanosPerMsg = rate > 0 ? 1_000_000_000L / rate : 0;
    if (mode.equals("async")) {
      Semaphore window = new Semaphore(conc);
      while (System.nanoTime() < end && ph.issued.get() < max) {
        window.acquire();
        ph.issued.addAndGet(1);
        final long t0 = System.nanoTime();
        try {
          p.send(new Message(topic, body), new SendCallback() {
            @Override public void onSuccess(SendResult r) {
              if (rec != null) rec.record((System.nanoTime() - t0) / 1e6);
              if (r.getSendStatus() == SendStatus.SEND_OK) { ph.acked.incrementAndGet(); ph.calls.incrementAndGet(); }
              else ph.fail(new RuntimeException("sendStatus " + r.getSendStatus()));
              window.release();
            }
            @Override public void onException(Throwable e) {
              ph.fail(e);
              window.release();
            }
          });
        } catch (Exception e) {
          ph.fail(e);
          window.release();
        }
      }
      if (!window.tryAcquire(conc, 30, TimeUnit.SECONDS)) ph.fail(new RuntimeException("async window did not drain in 30 s"));
    } else {
      Thread[] threads = new Thread[conc];
      for (int i = 0; i < conc; i++) {
        threads[i] = new Thread(() -> {
          while (System.nanoTime() < end) {
            long slot = ph.issued.getAndAdd(batch);
            if (slot >= max) break;
            // Fixed offered rate (oneway): message k is due at begin + k / rate; an early sender parks.
            if (nanosPerMsg > 0) {
              long wait = begin + slot * nanosPerMsg - System.nanoTime();
              if (wait > 0) LockSupport.parkNanos(wait);
              if (System.nanoTime() >= end) break;
            }
            long t0 = System.nanoTime();
            try {
              if (mode.equals("oneway")) {
                p.sendOneway(new Message(topic, body));
              } else if (mode.equals("batch")) {
                List<Message> msgs = new ArrayList<>(batch);
                for (int k = 0; k < batch; k++) msgs.add(new Message(topic, body));
                SendResult r = p.send(msgs);
                if (r.getSendStatus() != SendStatus.SEND_OK) throw new RuntimeException("sendStatus " + r.getSendStatus());
              } else {
                SendResult r = p.send(new Message(topic, body));
                if (r.getSendStatus() != SendStatus.SEND_OK) throw new RuntimeException("sendStatus " + r.getSendStatus());
              }
              if (rec != null) rec.record((System.nanoTime() - t0) / 1e6);
              ph.acked.addAndGet(batch);
              ph.calls.incrementAndGet();
            } catch (Throwable e) {
              ph.fail(e);
            }
          }
        }, "bench-sender-" + i);
        threads[i].start();
      }
      for (Thread t : threads) t.join();
    }
    ph.durationMs = (System.nanoTime() - begin) / 1e6;
    return ph;
  }
}
