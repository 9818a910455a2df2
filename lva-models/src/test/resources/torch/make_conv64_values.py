"""Writes conv64-values.json: PyTorch 1.13's numbers for the LV paper's 64 x 64 colour (CelebA) conv LVAE.

Run with Debian's torch (python3-torch), from this folder:
    LVA_REFERENCE=/path/to/shared/reference /usr/bin/python3 make_conv64_values.py > conv64-values.json
(LVA_REFERENCE holds torch/lva_conv.py, the conv LVAE's reference; it takes ~1 minute on two cores.)

lva_conv.py builds the 32 x 32 grey net only (its build() hard-codes one image channel and a side of
32). The 64 x 64 net is the same construction with one more halving: build() below is lva_conv.py's
build() with the image's channels and side as arguments, and this script first checks that
build(1, 32, ...) draws exactly lva_conv.build()'s parameters and operator-norm vectors, so that the
derivation changes nothing but the two numbers. Channels 32, 64, 128, 256, 512 (five halvings,
64 -> 2) are lva_conv.py's 32, 64, 128, 256 with the halving added; the decoder mirrors them
(Linear to 256 x 4 x 4, then ConvTranspose2d 256 -> 128 -> 64 -> 32 -> 3).

Stored (json writes floats as repr, so float64 round-trips exactly):
- full.*: the full net, seed 0: the SHA-256 of its parameters in the order PyTorch draws them (each
  module's weight, then bias) in float32 (lva_conv.py's default dtype) and in float64, and each
  transposed convolution's operator norm sigma = <u, T v> after the 100 power iterations at creation,
  in float64, and the largest singular value of each decoder weight layer's map with its normalised
  weight (scipy's ARPACK; what lva's Lipschitz bound computes), in float64.
- lockstep.*: a narrow net of the same depth (channels 2,4,4,8,8, latent 4) in float64, seed 1,
  trained full-batch on 6 fixed images for 5 Adam steps (lr 1e-3, betas 0.9/0.99, loss
  MSE + 0.01 * vol with eta 0.01, lva_conv.py's loss): each step's loss terms, the parameters after the
  last step, and the operator norms of the transposed convolutions then (in evaluation mode).
"""
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.join(os.environ.get("LVA_REFERENCE", "../../../../../../shared/reference"), "torch"))
os.environ.setdefault("THREADS", "2")
import lva_conv  # noqa: E402  (imports common, which sets the threads first)

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn.utils import parametrize  # noqa: E402
from torch.nn.utils.parametrizations import spectral_norm  # noqa: E402

FULL_CHANNELS = [32, 64, 128, 256, 512]


def build(image_channels, side, channels, latent):
    """lva_conv.build() for images of image_channels x side x side (it has 1 x 32 x 32 built in)."""
    enc = []
    c_in = image_channels
    for c in channels:
        enc += [nn.Conv2d(c_in, c, 4, 2, 1), nn.LeakyReLU(0.2)]
        c_in = c
    s = side // 2 ** len(channels)
    enc += [nn.Flatten(), nn.Linear(channels[-1] * s * s, latent)]
    encoder = nn.Sequential(*enc)
    dch = list(reversed(channels[:-1])) + [image_channels]
    start = side // 2 ** (len(dch) - 1)
    dec = [spectral_norm(nn.Linear(latent, dch[0] * start * start)), nn.LeakyReLU(0.2),
           nn.Unflatten(1, (dch[0], start, start))]
    s = start
    for i, (a, b) in enumerate(zip(dch[:-1], dch[1:])):
        ct = nn.ConvTranspose2d(a, b, 4, 2, 1)
        parametrize.register_parametrization(ct, "weight", lva_conv.SpectralNormConvT(ct, (s, s)))
        dec.append(ct)
        s *= 2
        if i < len(dch) - 2:
            dec.append(nn.LeakyReLU(0.2))
    return nn.Sequential(*enc), nn.Sequential(*dec)


def drawn(encoder, decoder):
    """The parameters in the order they were drawn, flat (lva's ParameterBuffer order too)."""
    out = []
    for m in list(encoder) + list(decoder):
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            w = m.parametrizations.weight.original if parametrize.is_parametrized(m, "weight") else m.weight
            out += [w.detach().flatten(), m.bias.detach().flatten()]
    return torch.cat(out)


def sha(t):
    a = t.numpy()
    return hashlib.sha256(a.astype("<f8" if a.dtype.itemsize == 8 else "<f4").tobytes()).hexdigest()


def operator_norms(decoder):
    """Each transposed convolution's sigma = <u, T v> with its stored u and v (what its forward divides by)."""
    out = []
    for m in decoder:
        if isinstance(m, nn.ConvTranspose2d):
            p = m.parametrizations.weight[0]
            k = m.parametrizations.weight.original.detach()
            t = F.conv_transpose2d(p._v, k, stride=p.stride, padding=p.padding)
            out.append(float(torch.dot(p._u.flatten(), t.flatten())))
    return out


def effective_norms(decoder):
    """The largest singular value of each weight layer's map with the weight its forward uses (the kernel
    divided by its norm estimate), by ARPACK (scipy's svds) on the operator: what lva's Lipschitz bound
    computes by its own Lanczos iteration, from an independent implementation."""
    import numpy as np
    from scipy.sparse.linalg import LinearOperator, svds
    out = []
    side = None
    for m in decoder:
        if isinstance(m, nn.Linear):
            w = m.weight.detach()  # the normalised weight (the caller set evaluation mode: no iteration runs)
            out.append(float(torch.linalg.svdvals(w)[0]))
        elif isinstance(m, nn.Unflatten):
            side = m.unflattened_size[1]
        elif isinstance(m, nn.ConvTranspose2d):
            k = m.weight.detach()
            cin, cout = k.shape[0], k.shape[1]
            n_in, n_out = cin * side * side, cout * 4 * side * side

            def mv(x, k=k, cin=cin, side=side):
                t = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float64)).view(1, cin, side, side)
                return F.conv_transpose2d(t, k, stride=2, padding=1).flatten().numpy()

            def rmv(y, k=k, cout=cout, side=side):
                t = torch.from_numpy(np.ascontiguousarray(y, dtype=np.float64)).view(1, cout, 2 * side, 2 * side)
                return F.conv2d(t, k, stride=2, padding=1).flatten().numpy()

            op = LinearOperator((n_out, n_in), matvec=mv, rmatvec=rmv, dtype=np.float64)
            out.append(float(svds(op, k=1, tol=1e-12, return_singular_vectors=False, random_state=0)[0]))
            side *= 2
    return out


def check_derivation():
    """build(1, 32, ...) is lva_conv.build() to the bit (its CHANNELS and LATENT are read at import)."""
    torch.manual_seed(5)
    e0, d0 = lva_conv.build()
    torch.manual_seed(5)
    e1, d1 = build(1, 32, lva_conv.CHANNELS, lva_conv.LATENT)
    assert torch.equal(drawn(e0, d0), drawn(e1, d1)), "build() differs from lva_conv.build()"
    assert operator_norms(d0) == operator_norms(d1), "operator norms differ from lva_conv.build()'s"


def images(n, c, side, dtype):
    """Fixed images with no random draw, exact in any language: x = ((37 n + 101 c + 3 i^2 + 7 j + i j) mod 256) / 255."""
    x = torch.empty(n, c, side, side, dtype=dtype)
    for a in range(n):
        for b in range(c):
            for i in range(side):
                for j in range(side):
                    x[a, b, i, j] = ((37 * a + 101 * b + 3 * i * i + 7 * j + i * j) % 256) / 255.0
    return x


def full():
    out = {}
    for name, dtype in (("f32", torch.float32), ("f64", torch.float64)):
        torch.set_default_dtype(dtype)
        torch.manual_seed(0)
        encoder, decoder = build(3, 64, FULL_CHANNELS, 64)
        flat = drawn(encoder, decoder)
        out["full." + name + ".count"] = flat.numel()
        out["full." + name + ".sha256"] = sha(flat)
        if dtype == torch.float64:
            out["full.f64.operator_norms"] = operator_norms(decoder)
            decoder.eval()  # reading a parametrized weight in training mode would run a power iteration
            out["full.f64.effective_norms"] = effective_norms(decoder)
    torch.set_default_dtype(torch.float32)
    return out


def lockstep():
    torch.set_default_dtype(torch.float64)
    torch.manual_seed(1)
    encoder, decoder = build(3, 64, [2, 4, 4, 8, 8], 4)
    x = images(6, 3, 64, torch.float64)
    params = list(encoder.parameters()) + list(decoder.parameters())
    opt = torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.99))
    lam, eta = 0.01, 0.01
    data, penalty = [], []
    for _ in range(5):
        z = encoder(x)
        rec = F.mse_loss(decoder(z), x)
        pen = lam * torch.exp(torch.log(z.std(0) + eta).mean())
        loss = rec + pen
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        data.append(float(rec))
        penalty.append(float(pen))
    encoder.eval()
    decoder.eval()
    out = {"lockstep.data": data, "lockstep.penalty": penalty,
           "lockstep.parameters": [float(v) for v in drawn(encoder, decoder).tolist()],
           "lockstep.operator_norms": operator_norms(decoder)}
    with torch.no_grad():
        out["lockstep.code"] = [float(v) for v in encoder(x).flatten().tolist()]
    torch.set_default_dtype(torch.float32)
    return out


def main():
    check_derivation()
    values = {"torch": torch.__version__}
    values.update(full())
    values.update(lockstep())
    print(json.dumps(values, separators=(",", ":")))


if __name__ == "__main__":
    main()
