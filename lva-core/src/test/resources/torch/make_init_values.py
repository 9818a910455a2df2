"""Writes init-values.json: what PyTorch 1.13 draws for lva's initialisation tests.

Run once with Debian's torch (python3-torch), from this folder:
    LVA_REFERENCE=/path/to/shared/reference /usr/bin/python3 make_init_values.py > init-values.json
(LVA_REFERENCE holds torch/lva_conv.py, the conv LVAE's reference).
Each entry is a tensor: its dtype, shape and values in C order (json writes floats as repr, so
float64 values round-trip exactly and float32 values are exact too).
"""
import json
import math

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import parametrize
from torch.nn.utils.parametrizations import spectral_norm

out = {}


def put(name, t):
    t = t.detach()
    out[name] = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                 "values": [float(v) for v in t.flatten().tolist()]}


def draws(prefix, dtype):
    """Linear(48 -> 48) then two normal_ draws of 48 (where spectral_norm draws u and v), one of 20, one of 5."""
    torch.manual_seed(0)
    torch.set_default_dtype(dtype)
    lin = nn.Linear(48, 48)
    put(prefix + "linear48.weight", lin.weight)
    put(prefix + "linear48.bias", lin.bias)
    put(prefix + "normal48.u", torch.empty(48).normal_())
    put(prefix + "normal48.v", torch.empty(48).normal_())
    put(prefix + "normal20", torch.empty(20).normal_())
    put(prefix + "normal5", torch.empty(5).normal_())
    # fans whose kaiming bound is 1 ulp under 1/sqrt(fan) in double
    torch.manual_seed(1)
    lin3 = nn.Linear(3, 4)
    put(prefix + "linear3.weight", lin3.weight)
    put(prefix + "linear3.bias", lin3.bias)
    # spectral_norm on Linear(48 -> 48): u, v after 15 + 1 power iterations
    torch.manual_seed(0)
    sn = spectral_norm(nn.Linear(48, 48))
    put(prefix + "sn48._u", sn.parametrizations.weight[0]._u)
    put(prefix + "sn48._v", sn.parametrizations.weight[0]._v)
    torch.set_default_dtype(torch.float32)


class SpectralNormConv(nn.Module):
    """lva_conv.py's SpectralNormConvT, for a Conv2d too (operator conv2d, adjoint conv_transpose2d)."""

    def __init__(self, module, in_shape, transposed, eps=1e-12):
        super().__init__()
        self.stride, self.padding, self.dilation, self.eps = module.stride, module.padding, module.dilation, eps
        self.transposed = transposed
        self.in_shape = in_shape
        channels = module.in_channels
        v = module.weight.new_empty((1, channels, *in_shape)).normal_(0, 1)
        u = self.op(v, module.weight).normal_(0, 1)
        self.register_buffer("_u", F.normalize(u.flatten(), dim=0, eps=eps).view_as(u))
        self.register_buffer("_v", F.normalize(v.flatten(), dim=0, eps=eps).view_as(v))
        self._power(module.weight.detach(), 100)

    def op(self, x, k):
        if self.transposed:
            return F.conv_transpose2d(x, k, stride=self.stride, padding=self.padding, dilation=self.dilation)
        return F.conv2d(x, k, stride=self.stride, padding=self.padding, dilation=self.dilation)

    def adjoint(self, y, k):
        if self.transposed:
            return F.conv2d(y, k, stride=self.stride, padding=self.padding, dilation=self.dilation)
        # conv_transpose2d is conv2d's adjoint only with the output padding that restores the input size
        pad = [self.in_shape[i] - ((y.shape[2 + i] - 1) * self.stride[i] - 2 * self.padding[i]
                                   + self.dilation[i] * (k.shape[2 + i] - 1) + 1) for i in range(2)]
        return F.conv_transpose2d(y, k, stride=self.stride, padding=self.padding, dilation=self.dilation,
                                  output_padding=tuple(pad))

    @torch.no_grad()
    def _power(self, k, n):
        for _ in range(n):
            u = self.op(self._v, k)
            self._u = F.normalize(u.flatten(), dim=0, eps=self.eps).view_as(u)
            v = self.adjoint(self._u, k)
            self._v = F.normalize(v.flatten(), dim=0, eps=self.eps).view_as(v)

    def forward(self, k):
        if self.training:
            self._power(k.detach(), 1)
        sigma = torch.dot(self._u.flatten(), self.op(self._v, k).flatten())
        return k / sigma


def convs(prefix, dtype):
    torch.set_default_dtype(dtype)
    torch.manual_seed(3)
    conv = nn.Conv2d(3, 5, (4, 3), stride=(2, 1), padding=(1, 2), dilation=(1, 2))
    put(prefix + "conv.weight", conv.weight)
    put(prefix + "conv.bias", conv.bias)
    x = torch.empty(2, 3, 7, 6).uniform_(-1, 1)
    put(prefix + "conv.x", x)
    put(prefix + "conv.y", conv(x))
    torch.manual_seed(4)
    convt = nn.ConvTranspose2d(4, 3, 4, stride=2, padding=1)
    put(prefix + "convt.weight", convt.weight)
    put(prefix + "convt.bias", convt.bias)
    x = torch.empty(2, 4, 3, 5).uniform_(-1, 1)
    put(prefix + "convt.x", x)
    put(prefix + "convt.y", convt(x))
    # the conv-operator norm of a transposed convolution on a 5 x 5 input, as lva_conv.py registers it
    torch.manual_seed(5)
    ct = nn.ConvTranspose2d(4, 3, 4, stride=2, padding=1)
    parametrize.register_parametrization(ct, "weight", SpectralNormConv(ct, (5, 5), True))
    p = ct.parametrizations.weight[0]
    put(prefix + "convt_operator._u", p._u)
    put(prefix + "convt_operator._v", p._v)
    # and of a convolution on a 7 x 6 input
    torch.manual_seed(6)
    c = nn.Conv2d(2, 3, 3, stride=2, padding=1)
    parametrize.register_parametrization(c, "weight", SpectralNormConv(c, (7, 6), False))
    p = c.parametrizations.weight[0]
    put(prefix + "conv_operator._u", p._u)
    put(prefix + "conv_operator._v", p._v)
    # PyTorch's spectral_norm on the kernels (dim 1 for the transposed one)
    torch.manual_seed(7)
    k = spectral_norm(nn.ConvTranspose2d(4, 3, 4, stride=2, padding=1))
    put(prefix + "convt_kernel._u", k.parametrizations.weight[0]._u)
    put(prefix + "convt_kernel._v", k.parametrizations.weight[0]._v)
    torch.manual_seed(8)
    k = spectral_norm(nn.Conv2d(3, 5, 3))
    put(prefix + "conv_kernel._u", k.parametrizations.weight[0]._u)
    put(prefix + "conv_kernel._v", k.parametrizations.weight[0]._v)
    torch.set_default_dtype(torch.float32)


def conv_lvae():
    """lva_conv.py's build() with CHANNELS=4,8 and LATENT=3 (seed 9): its parameters in the order they are
    drawn (each module's weight, then bias), and the operator norm's u and v of its transposed convolution."""
    import hashlib
    import os
    import sys
    sys.path.insert(0, os.path.join(os.environ.get("LVA_REFERENCE", "../../../../../../shared/reference"), "torch"))
    os.environ["CHANNELS"] = "4,8"
    os.environ["LATENT"] = "3"
    import lva_conv
    torch.manual_seed(9)
    encoder, decoder = lva_conv.build()
    drawn = []
    for m in list(encoder) + list(decoder):
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            w = m.parametrizations.weight.original if parametrize.is_parametrized(m, "weight") else m.weight
            drawn += [w.detach().flatten(), m.bias.detach().flatten()]
    flat = torch.cat(drawn)
    convt = [m for m in decoder if isinstance(m, nn.ConvTranspose2d)][0].parametrizations.weight[0]
    put("f32.conv_lvae.convt._u", convt._u)
    put("f32.conv_lvae.convt._v", convt._v)
    return {"f32.conv_lvae.parameters": hashlib.sha256(flat.numpy().astype("<f4").tobytes()).hexdigest(),
            "f32.conv_lvae.count": str(flat.numel())}


def digests():
    """A long float64 normal_ draw, too long to store: its SHA-256 (little-endian bytes, C order)."""
    import hashlib
    torch.manual_seed(11)
    t = torch.empty(4099, dtype=torch.float64).normal_()
    out = {"f64.normal4099": hashlib.sha256(t.numpy().astype("<f8").tobytes()).hexdigest()}
    out.update(conv_lvae())
    return out


draws("f64.", torch.float64)
convs("f32.", torch.float32)
convs("f64.", torch.float64)
print(json.dumps({"torch": torch.__version__, "sha256": digests(), "tensors": out}, indent=None,
                 separators=(",", ":")))
