package dev.lva.core.data;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A table of samples (rows) by features (columns) over an {@link INDArray}, with optional column
 * names; or a batch of images ({@code N x H x W} or {@code N x C x H x W}), whose columns are the
 * pixels of a sample in C order.
 */
public final class Dataset {
    private final INDArray features;
    private final List<String> columns;

    public Dataset(INDArray features, List<String> columns) {
        if (features.rank() < 2 || features.rank() > 4) {
            throw new LvaException("a dataset is a matrix (rows are samples) or a batch of images (N x H x W,"
                    + " N x C x H x W), got shape " + Arrays.toString(features.shape()));
        }
        long width = sampleSize(features);
        if (columns != null && columns.size() != width) {
            throw new LvaException("dataset has " + width + " columns but " + columns.size() + " column names");
        }
        this.features = features;
        if (columns == null) {
            // x0, x1, ...: distinct by construction, and not held as strings (an image of 4096 x 4096 has
            // 16.7 million pixels, whose names alone would fill the heap)
            this.columns = defaultNames(width);
            return;
        }
        this.columns = List.copyOf(columns);
        // a model records its inputs by name; two columns of one name could be swapped unseen
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < this.columns.size(); j++) {
            if (!seen.add(this.columns.get(j))) {
                throw new LvaException("column names must be distinct; '" + this.columns.get(j) + "' names columns "
                        + (this.columns.indexOf(this.columns.get(j)) + 1) + " and " + (j + 1));
            }
        }
    }

    public Dataset(INDArray features) {
        this(features, null);
    }

    private static List<String> defaultNames(long width) {
        int n = (int) width;
        return new java.util.AbstractList<>() {
            @Override
            public String get(int i) {
                Objects.checkIndex(i, n);
                return "x" + i;
            }

            @Override
            public int size() {
                return n;
            }

            @Override
            public int indexOf(Object o) {
                // "x" and a plain index, as get writes it: no walk over millions of names
                if (o instanceof String name && name.matches("x(0|[1-9]\\d{0,9})")) {
                    long i = Long.parseLong(name.substring(1));
                    return i < n ? (int) i : -1;
                }
                return -1;
            }

            @Override
            public boolean contains(Object o) {
                return indexOf(o) >= 0;
            }
        };
    }

    public INDArray features() {
        return features;
    }

    public List<String> columns() {
        return columns;
    }

    public int rows() {
        return (int) features.size(0);
    }

    /** Entries per sample: the columns of a table, the pixels (C x H x W) of an image. */
    public int cols() {
        return (int) sampleSize(features);
    }

    /** The shape of one sample: {@code [D]}, {@code [H, W]} or {@code [C, H, W]}. */
    public long[] sampleShape() {
        return Arrays.copyOfRange(features.shape(), 1, features.rank());
    }

    private static long sampleSize(INDArray a) {
        long n = 1;
        for (int i = 1; i < a.rank(); i++) {
            n *= a.size(i);
        }
        return n;
    }

    /** The given rows, in that order, as a new dataset. */
    public Dataset rows(int[] indices) {
        return new Dataset(pick(indices), columns);
    }

    /** The given samples of any rank, copied: a table's rows, or whole images. */
    private INDArray pick(int[] indices) {
        if (features.rank() == 2) {
            return features.getRows(indices);
        }
        long[] shape = features.shape().clone();
        shape[0] = indices.length;
        INDArray c = dev.lva.core.tensor.Matrix.isContiguous(features) ? features : features.dup('c');
        INDArray flat = c.reshape('c', features.size(0), sampleSize(features));
        return flat.getRows(indices).reshape('c', shape);
    }

    /** The given columns, by index, as a new dataset. */
    public Dataset select(int... columnIndices) {
        if (features.rank() != 2) {
            throw new LvaException("columns are selected from a table; this dataset holds images of shape "
                    + Arrays.toString(sampleShape()));
        }
        List<String> names = new ArrayList<>();
        for (int c : columnIndices) {
            if (c < 0 || c >= cols()) {
                throw new LvaException("column " + c + " does not exist; the data has " + cols() + " columns");
            }
            names.add(columns.get(c));
        }
        return new Dataset(features.getColumns(columnIndices), names);
    }

    /**
     * A shuffled train/test split like scikit-learn's {@code train_test_split(test_size, random_state)}:
     * ceil(testFraction * n) rows go to the test set. The permutation comes from lva's own
     * generator, so the rows chosen differ from scikit-learn's for the same seed.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new LvaException("test fraction must be in (0, 1), got " + testFraction);
        }
        int n = rows();
        int nTest = (int) Math.ceil(testFraction * n);
        if (nTest < 1 || nTest >= n) {
            throw new LvaException("a test fraction of " + testFraction + " leaves " + (n - nTest) + " training and "
                    + nTest + " test rows out of " + n);
        }
        int[] order = new int[n];
        new Rng(seed).permutation(order);
        int[] test = Arrays.copyOfRange(order, 0, nTest);
        int[] train = Arrays.copyOfRange(order, nTest, n);
        return new Split(rows(train), rows(test));
    }

    /** Minibatches of at most {@code size} rows (copies), in a seeded random order when {@code shuffle}. */
    public Iterable<INDArray> batches(int size, boolean shuffle, long seed) {
        if (size < 1) {
            throw new LvaException("batch size must be >= 1, got " + size);
        }
        int n = rows();
        int[] order = new int[n];
        if (shuffle) {
            new Rng(seed).permutation(order);
        } else {
            Arrays.setAll(order, i -> i);
        }
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public INDArray next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(n, next + size);
                INDArray b = pick(Arrays.copyOfRange(order, next, end));
                next = end;
                return b;
            }
        };
    }

    /** A train/test pair. */
    public record Split(Dataset train, Dataset test) {
    }

    /** Columns stacked side by side from several single-column arrays, for small synthetic data. */
    public static Dataset ofColumns(List<String> names, double[]... columns) {
        if (columns.length == 0) {
            throw new LvaException("no columns");
        }
        int n = columns[0].length;
        double[][] rows = new double[n][columns.length];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != n) {
                throw new LvaException("column " + c + " has " + columns[c].length + " values, column 0 has " + n);
            }
            for (int r = 0; r < n; r++) {
                rows[r][c] = columns[c][r];
            }
        }
        return new Dataset(Nd4j.createFromArray(rows), names == null ? null : Collections.unmodifiableList(names));
    }
}
