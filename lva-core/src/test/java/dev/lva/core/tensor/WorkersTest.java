package dev.lva.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.core.nn.activation.Activation;
import dev.lva.core.nn.activation.Activations;
import dev.lva.core.nn.ParameterBuffer;
import dev.lva.core.nn.Sequential;
import dev.lva.core.optim.Adam;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The engine's own threads: products cut into blocks, and element-wise passes cut into ranges. */
class WorkersTest {

    @AfterEach
    void oneThreadAgain() {
        Blas.setThreads(1);
    }

    @Test
    void partsCoverEveryIndexOnceOnAlignedBoundaries() {
        for (int n : new int[] {0, 1, 15, 16, 17, 100, 1000, 65536}) {
            for (int parts = 1; parts <= 4; parts++) {
                int covered = 0;
                for (int p = 0; p < parts; p++) {
                    int from = Workers.start(n, p, parts, 16);
                    int to = Workers.start(n, p + 1, parts, 16);
                    assertTrue(from <= to, "part " + p + " of " + parts + " for " + n);
                    assertTrue(from % 16 == 0 || from == n, "aligned start " + from);
                    covered += to - from;
                }
                assertEquals(0, Workers.start(n, 0, parts, 16));
                assertEquals(n, Workers.start(n, parts, parts, 16));
                assertEquals(n, covered);
            }
        }
    }

    @Test
    void everyPartRunsOnce() {
        Workers.setParallelism(3);
        assertEquals(3, Workers.parallelism());
        for (int round = 0; round < 200; round++) {
            AtomicInteger[] runs = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
            Workers.run((part, parts) -> {
                assertEquals(3, parts);
                runs[part].incrementAndGet();
            });
            for (AtomicInteger r : runs) {
                assertEquals(1, r.get());
            }
        }
    }

    @Test
    void moreThanOnePartPerThreadAndHelpersTakeSomeOfThem() {
        Workers.setParallelism(2);
        int helped = 0;
        for (int round = 0; round < 200; round++) {
            AtomicInteger[] runs = new AtomicInteger[7];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = new AtomicInteger();
            }
            Thread caller = Thread.currentThread();
            AtomicInteger byHelper = new AtomicInteger();
            Workers.run((part, parts) -> {
                assertEquals(7, parts);
                runs[part].incrementAndGet();
                if (Thread.currentThread() != caller) {
                    byHelper.incrementAndGet();
                }
                // long enough that a spinning helper claims a part
                long until = System.nanoTime() + 50_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }, 7);
            for (AtomicInteger r : runs) {
                assertEquals(1, r.get());
            }
            helped += byHelper.get() > 0 ? 1 : 0;
        }
        assertTrue(helped > 0, "the helper thread never took a part in 200 jobs");
    }

    @Test
    void aFailureInAHelperReachesTheCallerAndThePoolStillWorks() {
        Workers.setParallelism(2);
        LvaException e = assertThrows(LvaException.class, () -> Workers.run((part, parts) -> {
            if (part == 1) {
                throw new LvaException("part one failed");
            }
        }));
        assertEquals("part one failed", e.getMessage());
        AtomicInteger sum = new AtomicInteger();
        Workers.run((part, parts) -> sum.addAndGet(part + 1));
        assertEquals(3, sum.get());
    }

    @Test
    void jobsKeepCompletingWhileAnotherThreadChangesTheThreadCount() throws Exception {
        Workers.setParallelism(2);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread switcher = new Thread(() -> {
            int t = 2;
            while (!done.get()) {
                t = t == 2 ? 3 : 2;
                Workers.setParallelism(t);
            }
        });
        switcher.start();
        try {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
                long until = System.nanoTime() + 500_000_000L;
                long jobs = 0;
                while (System.nanoTime() < until) {
                    AtomicInteger sum = new AtomicInteger();
                    Workers.run((part, parts) -> sum.addAndGet(part + 1), 4);
                    assertEquals(10, sum.get(), "job " + jobs + " lost a part");
                    jobs++;
                }
                assertTrue(jobs > 0);
            });
        } finally {
            done.set(true);
            switcher.join(20_000);
        }
        assertTrue(!switcher.isAlive(), "setParallelism hung");
    }

    @Test
    void theThreadCountCannotChangeFromInsideAJob() {
        Workers.setParallelism(2);
        java.util.List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Workers.run((part, parts) -> {
            try {
                Workers.setParallelism(3);
            } catch (LvaException e) {
                errors.add(e);
            }
        }, 2);
        assertEquals(2, errors.size(), "both the caller's and the helper's part were refused");
        assertTrue(errors.get(0).getMessage().contains("inside one of its jobs"), errors.get(0).getMessage());
        assertEquals(2, Workers.parallelism());
    }

    @Test
    void aJobStartedInsideAJobRunsItsPartsOnTheCallerCutTheSameWay() {
        Workers.setParallelism(2);
        int[][] seen = new int[2][2];
        Workers.run((outer, parts) -> {
            if (outer == 0) {
                Workers.run((inner, innerParts) -> seen[inner][0] = innerParts);
                Workers.run((inner, innerParts) -> seen[inner][1] = inner + 10);
            }
        });
        assertArrayEquals(new int[] {2, 10}, seen[0]);
        assertArrayEquals(new int[] {2, 11}, seen[1]);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4} {5}")
    @CsvSource({
        "256, 256, 256, false, true, FLOAT",
        "256, 256, 256, true, false, FLOAT",
        "256, 256, 256, false, false, FLOAT",
        "37, 300, 100, false, true, FLOAT",
        "37, 300, 100, true, true, FLOAT",
        "300, 37, 100, true, false, FLOAT",
        "70, 130, 200, false, false, DOUBLE",
        "130, 70, 200, true, true, DOUBLE",
        "32, 256, 256, true, false, DOUBLE",
    })
    void aProductCutOverThreadsEqualsTheWholeProduct(int m, int n, int k, boolean transA, boolean transB,
                                                    DataType type) {
        Nd4j.getRandom().setSeed(m * 1000L + n);
        Matrix a = Matrix.wrap(Nd4j.rand(type, transA ? k : m, transA ? m : k).subi(0.5));
        Matrix b = Matrix.wrap(Nd4j.rand(type, transB ? n : k, transB ? k : n).subi(0.5));
        INDArray c0 = Nd4j.rand(type, m, n);
        Matrix whole = Matrix.wrap(c0.dup());
        Matrix cut = Matrix.wrap(c0.dup());
        Blas.setThreads(1);
        Blas.gemm(transA, transB, 0.5, a, b, 2, whole);
        Blas.setThreads(2);
        assertTrue(ParallelGemm.worthIt(m, n, k), "the case must take the cut path");
        Blas.gemm(transA, transB, 0.5, a, b, 2, cut);
        double tol = type == DataType.FLOAT ? 1e-4 : 1e-11;
        double[] w = whole.toDoubleArray();
        double[] c = cut.toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i], c[i], tol * (1 + Math.abs(w[i])), "entry " + i);
        }
    }

    @Test
    void twoProductsAtOnceEqualTheProductsOneAfterTheOther() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Matrix g = Matrix.wrap(Nd4j.rand(type, 256, 96).subi(0.5));
            Matrix x = Matrix.wrap(Nd4j.rand(type, 256, 128).subi(0.5));
            Matrix w = Matrix.wrap(Nd4j.rand(type, 96, 128).subi(0.5));
            INDArray dw0 = Nd4j.rand(type, 96, 128);
            Matrix[] dw = {Matrix.wrap(dw0.dup()), Matrix.wrap(dw0.dup())};
            Matrix[] dx = {Matrix.zeros(type, 256, 128), Matrix.zeros(type, 256, 128)};
            for (int threads = 1; threads <= 2; threads++) {
                Blas.setThreads(threads);
                Blas.Product weight = new Blas.Product().set(true, false, 1, g, x, 1, dw[threads - 1]);
                Blas.Product input = new Blas.Product().set(false, false, 1, g, w, 0, dx[threads - 1]);
                Blas.gemmBoth(weight, input);
            }
            double tol = type == DataType.FLOAT ? 1e-4 : 1e-11;
            for (int k = 0; k < 2; k++) {
                double[] one = (k == 0 ? dw[0] : dx[0]).toDoubleArray();
                double[] two = (k == 0 ? dw[1] : dx[1]).toDoubleArray();
                for (int i = 0; i < one.length; i++) {
                    assertEquals(one[i], two[i], tol * (1 + Math.abs(one[i])), (k == 0 ? "dW " : "dx ") + i);
                }
            }
        }
        Matrix a = Matrix.zeros(DataType.FLOAT, 4, 4);
        Blas.Product p = new Blas.Product().set(false, false, 1, a, a, 0, a);
        LvaException e = assertThrows(LvaException.class, () -> Blas.gemmBoth(p, p));
        assertTrue(e.getMessage().contains("share an output"), e.getMessage());
        assertThrows(LvaException.class, () -> new Blas.Product().set(false, false, 1, a,
                Matrix.zeros(DataType.FLOAT, 3, 4), 0, a));
    }

    @Test
    void adamOverThreadsGivesTheSameBitsAsOnOneThread() {
        int n = 100_003;
        INDArray p1 = Nd4j.rand(DataType.FLOAT, 1, n);
        INDArray p2 = p1.dup();
        Adam one = Adam.adam(1e-2);
        Adam two = Adam.adam(1e-2);
        for (int step = 0; step < 5; step++) {
            INDArray g = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5);
            Blas.setThreads(1);
            one.step(p1, g);
            Blas.setThreads(2);
            two.step(p2, g);
        }
        assertEquals(p1, p2);
        assertTrue(p1.sub(p2).amaxNumber().doubleValue() == 0);
    }

    @Test
    void activationsOverThreadsGiveTheSameBitsAsOnOneThread() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 300, 199).subi(0.5).muli(6);
        int n = (int) x.length();
        INDArray dy = Nd4j.rand(DataType.FLOAT, 300, 199).subi(0.5);
        for (String name : new String[] {"leaky-relu", "tanh", "gelu", "prelu"}) {
            float[][] results = new float[2][];
            for (int threads = 1; threads <= 2; threads++) {
                Blas.setThreads(threads);
                Activation f = Activations.create(name);
                if (!f.parameterSpecs().isEmpty()) {
                    ParameterBuffer.allocate(DataType.FLOAT, Map.of("f", new Sequential(f)));
                    f.initialize(new TorchGenerator(0));
                }
                Matrix y = f.forward(Matrix.wrap(x), true);
                Matrix dx = f.backward(Matrix.wrap(dy), true);
                float[] both = new float[2 * n];
                for (int i = 0; i < n; i++) {
                    both[i] = (float) y.get(i);
                    both[n + i] = (float) dx.get(i);
                }
                results[threads - 1] = both;
            }
            assertArrayEquals(results[0], results[1], name);
        }
    }
}
