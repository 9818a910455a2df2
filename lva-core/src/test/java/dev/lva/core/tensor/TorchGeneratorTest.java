package dev.lva.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Known values printed by PyTorch 1.13 (Debian python3-torch) after torch.manual_seed. */
class TorchGeneratorTest {

    private static void assertValues(double[] expected, Matrix m, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], m.get(i), tolerance, "entry " + i);
        }
    }

    @Test
    void drawsWhatPyTorchDraws() {
        TorchGenerator g = new TorchGenerator(0);
        // torch.empty(5).uniform_(-0.5, 0.5): bit for bit
        Matrix u = Matrix.zeros(DataType.FLOAT, 1, 5);
        g.fillUniform(u, -0.5, 0.5);
        assertValues(new double[] {-0.003743410110473633, 0.26822179555892944, -0.4115225672721863,
                -0.3679695129394531, -0.19257718324661255}, u, 0);
        // torch.empty(20).normal_(): blocks of 16, the tail redrawn
        Matrix n20 = Matrix.zeros(DataType.FLOAT, 1, 20);
        g.fillNormal(n20);
        assertValues(new double[] {0.6920091509819031, -0.31601276993751526, -2.1152193546295166,
                -0.35612836480140686, -0.1577124446630478, 1.4436601400375366, 0.26604941487312317,
                0.16645534336566925, 0.8743818402290344, -0.14347384870052338, -0.1116093322634697,
                -0.6135830879211426, 1.2590092420578003, 2.0049805641174316, 0.05373690277338028,
                0.6180566549301147, -0.41280221939086914, -0.8410648107528687, -2.316041946411133,
                -0.10230965167284012}, n20, 1e-6);
        // torch.empty(3).normal_() twice: float64 Box-Muller with a cached second value
        Matrix n3 = Matrix.zeros(DataType.FLOAT, 1, 3);
        g.fillNormal(n3);
        assertValues(new double[] {0.7455421090126038, -0.24604661762714386, 0.8511652946472168}, n3, 1e-7);
        g.fillNormal(n3);
        assertValues(new double[] {-0.35018303990364075, 1.6881015300750732, -2.1574506759643555}, n3, 1e-7);
        // torch.empty(4, dtype=float64).uniform_(-1, 1): 53-bit draws
        Matrix d4 = Matrix.zeros(DataType.DOUBLE, 1, 4);
        g.fillUniform(d4, -1, 1);
        assertValues(new double[] {0.08074373690502035, 0.28958179650147264, 0.7975563189143573,
                0.8673317571216692}, d4, 0);
    }

    @Test
    void aFreshSeedRestartsTheStream() {
        Matrix a = Matrix.zeros(DataType.FLOAT, 1, 48);
        new TorchGenerator(123).fillNormal(a);
        // torch.manual_seed(123); torch.empty(48).normal_()[-3:]
        assertEquals(-0.09350743144750595, a.get(45), 1e-6);
        assertEquals(0.2662147283554077, a.get(46), 1e-6);
        assertEquals(-0.585035502910614, a.get(47), 1e-6);
    }
}
