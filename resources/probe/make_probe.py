#!/usr/bin/env python3
"""Builds probe.onnx: the tiny model `physstudio doctor` runs on every execution provider.

y = x * 2 + 1 over a float32 [1, 4] tensor. Opset 13 keeps it loadable by every provider
(CPU, CUDA, TensorRT, DirectML, CoreML, WebGPU). Run with Debian's python3-onnx:

    /usr/bin/python3 resources/probe/make_probe.py
"""
import os

import onnx
from onnx import TensorProto, helper

here = os.path.dirname(os.path.abspath(__file__))

x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])
two = helper.make_tensor("two", TensorProto.FLOAT, [1], [2.0])
one = helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0])
graph = helper.make_graph(
    [
        helper.make_node("Mul", ["x", "two"], ["doubled"]),
        helper.make_node("Add", ["doubled", "one"], ["y"]),
    ],
    "physstudio_probe",
    [x],
    [y],
    initializer=[two, one],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="physstudio")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(here, "probe.onnx"))
print("wrote", os.path.join(here, "probe.onnx"))
