#!/usr/bin/env python3
"""Converts the TF.js graph model of CenterNet (MobileNetV3, COCO) to ONNX (opset 17).

Dev tool, not run by the app. Usage (Debian's python3-onnx and python3-numpy):
    /usr/bin/python3 resources/detector/convert_centernet.py resources/detector/tfjs/centernet.json resources/detector/centernet.onnx

Only the dense network is converted: input `tower_0/images` (NHWC, 1x512x512x3, RGB 0..255 as
the model was trained) to the heatmap `tower_0/keypoints` (1x128x128x80, sigmoid) and the box
regression `tower_0/wh` (1x128x128x4). The graph's own decode (3x3 peak test, TopK, gather) is a
few lines of arithmetic done in TypeScript, so the ONNX graph stays to ops every provider has.

Inside, the graph runs NCHW (what ONNX convolutions take); the input and both outputs keep the
TF.js NHWC layout so the two can be compared tensor for tensor. Weights stay float16 as shipped
and are cast to float32 once at session start, exactly as TF.js dequantizes them.
"""
import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUTPUTS = ["tower_0/keypoints", "tower_0/wh"]
NHWC_TO_NCHW_AXIS = {0: 0, 1: 2, 2: 3, 3: 1, -1: 1}


def load(model_path):
    with open(model_path) as f:
        model = json.load(f)
    folder = model_path.rsplit("/", 1)[0] if "/" in model_path else "."
    consts = {}
    for group in model["weightsManifest"]:
        blob = b"".join(open(f"{folder}/{p}", "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            shape = w["shape"]
            count = int(np.prod(shape)) if shape else 1
            q = w.get("quantization")
            if q and q["dtype"] == "float16":
                arr = np.frombuffer(blob, np.float16, count, offset)
                offset += 2 * count
                consts[w["name"]] = ("f16", arr.reshape(shape))
            elif q:
                raise ValueError(f"unsupported quantization {q} for {w['name']}")
            else:
                dtype = {"float32": np.float32, "int32": np.int32}[w["dtype"]]
                arr = np.frombuffer(blob, dtype, count, offset)
                offset += 4 * count
                consts[w["name"]] = ("raw", arr.reshape(shape))
        if offset != len(blob):
            raise ValueError(f"weights use {offset} of {len(blob)} bytes")
    nodes = {n["name"]: n for n in model["modelTopology"]["node"]}
    return nodes, consts


def attr(node, key, default=None):
    a = node.get("attr", {}).get(key)
    if a is None:
        return default
    if "s" in a:
        import base64

        return base64.b64decode(a["s"]).decode()
    if "list" in a:
        lst = a["list"]
        if "i" in lst:
            return [int(v) for v in lst["i"]]
        if "s" in lst:
            import base64

            return [base64.b64decode(v).decode() for v in lst["s"]]
        return []
    if "b" in a:
        return a["b"]
    if "i" in a:
        return int(a["i"])
    if "f" in a:
        return float(a["f"])
    return a


class Builder:
    def __init__(self, nodes, consts):
        self.nodes = nodes
        self.consts = consts
        self.out = []
        self.inits = []
        self.done = {}
        self.counter = 0

    def fresh(self, base):
        self.counter += 1
        return f"{base}__{self.counter}"

    def initializer(self, name, arr, keep_f16=False):
        """A weight; float16 ones are stored as shipped and cast to float32 in the graph."""
        if keep_f16:
            raw = name + "__f16"
            self.inits.append(numpy_helper.from_array(arr.astype(np.float16), raw))
            self.out.append(helper.make_node("Cast", [raw], [name], to=TensorProto.FLOAT))
        else:
            self.inits.append(numpy_helper.from_array(arr, name))
        return name

    def const_value(self, name):
        """The numeric value of a constant input (folding nothing: every such input is a Const)."""
        name = name.split(":")[0]
        if name not in self.consts:
            raise ValueError(f"{name} is not a constant")
        return self.consts[name][1]

    def weight(self, name, transform):
        kind, arr = self.consts[name.split(":")[0]]
        out = self.fresh(name)
        return self.initializer(out, np.ascontiguousarray(transform(arr.astype(np.float32))), keep_f16=(kind == "f16"))

    def operand(self, name):
        """An elementwise operand: scalars as they are, per-channel vectors as [C,1,1] for NCHW."""
        if name.split(":")[0] in self.consts:
            kind, arr = self.consts[name.split(":")[0]]
            arr = arr.astype(np.float32)
            if arr.ndim == 1:
                arr = arr.reshape(-1, 1, 1)
            elif arr.ndim == 4:
                arr = arr.transpose(0, 3, 1, 2)
            elif arr.ndim not in (0,):
                raise ValueError(f"unexpected constant rank {arr.ndim} for {name}")
            return self.initializer(self.fresh(name), np.ascontiguousarray(arr), keep_f16=(kind == "f16"))
        return self.tensor(name)

    def tensor(self, name):
        name = name.split(":")[0]
        if name in self.done:
            return self.done[name]
        node = self.nodes[name]
        out = self.convert(node)
        self.done[name] = out
        return out

    def conv(self, node, depthwise):
        inputs = node["input"]
        x = self.tensor(inputs[0])
        strides = attr(node, "strides")[1:3]
        dil = attr(node, "dilations", [1, 1, 1, 1])[1:3]
        padding = attr(node, "padding")
        if attr(node, "data_format", "NHWC") != "NHWC":
            raise ValueError("only NHWC graphs are converted")
        k = self.const_value(inputs[1])
        if depthwise:
            # TF: [H, W, in, multiplier] -> ONNX: [in*multiplier, 1, H, W], one group per input channel.
            h, w, cin, mult = k.shape
            w_name = self.weight(inputs[1], lambda a: a.transpose(2, 3, 0, 1).reshape(cin * mult, 1, h, w))
            group = cin
        else:
            # TF: [H, W, in, out] -> ONNX: [out, in, H, W].
            h, w = k.shape[:2]
            w_name = self.weight(inputs[1], lambda a: a.transpose(3, 2, 0, 1))
            group = 1
        fused = attr(node, "fused_ops", []) or []
        conv_inputs = [x, w_name]
        if fused and fused[0] == "BiasAdd":
            conv_inputs.append(self.weight(inputs[2], lambda a: a))
            fused = fused[1:]
        elif fused:
            raise ValueError(f"unsupported fused ops {fused} in {node['name']}")
        kwargs = {"strides": strides, "dilations": dil, "group": group, "kernel_shape": [h, w]}
        # TF's SAME pads the extra pixel at the end, as ONNX's SAME_UPPER does.
        kwargs["auto_pad"] = "SAME_UPPER" if padding == "SAME" else "VALID"
        out = self.fresh(node["name"])
        self.out.append(helper.make_node("Conv", conv_inputs, [out], **kwargs))
        for op in fused:
            nxt = self.fresh(node["name"])
            if op == "Relu":
                self.out.append(helper.make_node("Relu", [out], [nxt]))
            elif op == "Relu6":
                self.out.append(helper.make_node("Clip", [out, self.scalar(0.0), self.scalar(6.0)], [nxt]))
            else:
                raise ValueError(f"unsupported fused op {op} in {node['name']}")
            out = nxt
        return out

    def scalar(self, v):
        return self.initializer(self.fresh("scalar"), np.array(v, np.float32))

    def convert(self, node):
        op = node["op"]
        name = node["name"]
        ins = node.get("input", [])
        if op == "Placeholder":
            # Graph input is NHWC; everything inside is NCHW.
            out = self.fresh(name)
            self.out.append(helper.make_node("Transpose", [name], [out], perm=[0, 3, 1, 2]))
            return out
        if op in ("_FusedConv2D", "Conv2D"):
            return self.conv(node, depthwise=False)
        if op in ("FusedDepthwiseConv2dNative", "DepthwiseConv2dNative"):
            return self.conv(node, depthwise=True)
        out = self.fresh(name)
        if op in ("Mul", "Add", "Sub"):
            self.out.append(helper.make_node(op, [self.operand(ins[0]), self.operand(ins[1])], [out]))
        elif op == "Relu":
            self.out.append(helper.make_node("Relu", [self.tensor(ins[0])], [out]))
        elif op == "Relu6":
            self.out.append(helper.make_node("Clip", [self.tensor(ins[0]), self.scalar(0.0), self.scalar(6.0)], [out]))
        elif op == "Sigmoid":
            self.out.append(helper.make_node("Sigmoid", [self.tensor(ins[0])], [out]))
        elif op == "Identity":
            return self.tensor(ins[0])
        elif op == "Mean":
            axes = [NHWC_TO_NCHW_AXIS[int(a)] for a in np.atleast_1d(self.const_value(ins[1]))]
            self.out.append(helper.make_node("ReduceMean", [self.tensor(ins[0])], [out], axes=axes, keepdims=1 if attr(node, "keep_dims") else 0))
        elif op == "ConcatV2":
            axis = NHWC_TO_NCHW_AXIS[int(self.const_value(ins[-1]))]
            self.out.append(helper.make_node("Concat", [self.tensor(i) for i in ins[:-1]], [out], axis=axis))
        elif op == "ResizeBilinear":
            if attr(node, "align_corners") or attr(node, "half_pixel_centers"):
                raise ValueError(f"{name}: only align_corners=false, half_pixel_centers=false is converted")
            size = [int(v) for v in self.const_value(ins[1])]
            # Channel count is only known at run time, so take N and C from the input's shape.
            shape = self.fresh("shape")
            nc = self.fresh("nc")
            hw = self.initializer(self.fresh("hw"), np.array(size, np.int64))
            self.out.append(helper.make_node("Shape", [self.tensor(ins[0])], [shape]))
            self.out.append(helper.make_node("Slice", [shape, self.initializer(self.fresh("s"), np.array([0], np.int64)), self.initializer(self.fresh("e"), np.array([2], np.int64))], [nc]))
            full = self.fresh("sizes_full")
            self.out.append(helper.make_node("Concat", [nc, hw], [full], axis=0))
            # TF's legacy resize (neither flag) samples at x_out * in / out: ONNX's "asymmetric".
            self.out.append(
                helper.make_node("Resize", [self.tensor(ins[0]), "", "", full], [out], mode="linear", coordinate_transformation_mode="asymmetric")
            )
        else:
            raise ValueError(f"unsupported op {op} at {name}")
        return out


def main(src, dst):
    nodes, consts = load(src)
    b = Builder(nodes, consts)
    outputs = []
    for name in OUTPUTS:
        t = b.tensor(name)
        b.out.append(helper.make_node("Transpose", [t], [name], perm=[0, 2, 3, 1]))
        outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, 128, 128, 80 if name.endswith("keypoints") else 4]))
    graph = helper.make_graph(
        b.out,
        "centernet_mobilenetv3",
        [helper.make_tensor_value_info("tower_0/images", TensorProto.FLOAT, [1, 512, 512, 3])],
        outputs,
        b.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="physstudio convert_centernet.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f"wrote {dst}: {len(b.out)} nodes, {len(b.inits)} initializers")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
