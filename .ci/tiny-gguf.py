"""Writes a tiny llama-architecture GGUF model with random weights, for a real llama-server in CI.

Usage: PYTHONPATH=<llama.cpp>/gguf-py python3 tiny-gguf.py <llama.cpp>/models/ggml-vocab-qwen2.gguf out.gguf

The answers are gibberish; the protocol around them is real. The tokenizer and chat template are copied from the
Qwen2 vocabulary file that llama.cpp ships. Two adjustments make the server behave:

* Tokens whose bytes are not valid UTF-8 on their own (pieces of a multi-byte character) and control tokens are
  never generated: llama-server answers 500 when a generated piece is not valid UTF-8 text.
* The end-of-turn token <|im_end|> gets a higher logit, so that answers end by themselves after some tens of tokens.

Both work through one hidden dimension kept constant: dimension 0 of every token's embedding is a constant and no
layer writes to it, so after the final norm it is a positive number of nearly fixed size, and the output weights in
that column act as a per-token bias.
"""
import sys

import numpy as np
import gguf

N_EMBD = 64
N_LAYER = 2
N_HEAD = 4
N_FF = 128
N_CTX = 4096
END_OF_TURN = "<|im_end|>"
BIAS_COLUMN = 0
CONSTANT = 4.0
OUTPUT_SCALE = 0.05
BANNED_BIAS = -60.0
END_BIAS = 2.2


def gpt2_byte_decoder():
    """The inverse of GPT-2's byte-to-printable-character map, in which byte-level BPE vocabularies are written."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) \
        + list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    n = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(printable, chars)}


def valid_alone(text, decoder):
    try:
        raw = bytes(decoder[c] for c in text)
        raw.decode("utf-8")
        return len(raw) > 0
    except (KeyError, UnicodeDecodeError):
        return False


def field(reader, name):
    return reader.fields[name].contents()


def tensors(n_vocab, bias, end):
    """The model's tensors, from a fixed seed: the same model on every machine."""
    rng = np.random.default_rng(20261202)

    def random(*shape, scale=0.2):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    embedding = random(n_vocab, N_EMBD, scale=0.5)
    embedding[:, BIAS_COLUMN] = CONSTANT
    yield "token_embd.weight", embedding.astype(np.float16)
    for layer in range(N_LAYER):
        prefix = f"blk.{layer}."
        yield prefix + "attn_norm.weight", np.ones(N_EMBD, dtype=np.float32)
        for name in ("attn_q", "attn_k", "attn_v"):
            yield prefix + name + ".weight", random(N_EMBD, N_EMBD).astype(np.float16)
        attention_out = random(N_EMBD, N_EMBD)
        attention_out[BIAS_COLUMN, :] = 0  # nothing is added to the constant dimension
        yield prefix + "attn_output.weight", attention_out.astype(np.float16)
        yield prefix + "ffn_norm.weight", np.ones(N_EMBD, dtype=np.float32)
        yield prefix + "ffn_gate.weight", random(N_FF, N_EMBD).astype(np.float16)
        yield prefix + "ffn_up.weight", random(N_FF, N_EMBD).astype(np.float16)
        ffn_down = random(N_EMBD, N_FF)
        ffn_down[BIAS_COLUMN, :] = 0
        yield prefix + "ffn_down.weight", ffn_down.astype(np.float16)
    yield "output_norm.weight", np.ones(N_EMBD, dtype=np.float32)
    # small weights: the other tokens' logits stay close together, and the column of the constant dimension
    # (nearly the same after the final norm at every position) acts as a bias on each token's logit
    output = random(n_vocab, N_EMBD, scale=OUTPUT_SCALE)
    output[end, :] = 0
    output[:, BIAS_COLUMN] = bias
    yield "output.weight", output.astype(np.float16)


def main(vocab_path, out_path):
    reader = gguf.GGUFReader(vocab_path)
    tokens = field(reader, "tokenizer.ggml.tokens")
    types = field(reader, "tokenizer.ggml.token_type")
    merges = field(reader, "tokenizer.ggml.merges")
    n_vocab = len(tokens)
    end = tokens.index(END_OF_TURN)

    decoder = gpt2_byte_decoder()
    bias = np.zeros(n_vocab, dtype=np.float32)
    for i, (text, kind) in enumerate(zip(tokens, types)):
        if kind != gguf.TokenType.NORMAL or not valid_alone(text, decoder):
            bias[i] = BANNED_BIAS
    bias[end] = END_BIAS

    writer = gguf.GGUFWriter(out_path, "llama")
    writer.add_name("tiny-random")
    writer.add_context_length(N_CTX)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYER)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD)
    writer.add_rope_dimension_count(N_EMBD // N_HEAD)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    writer.add_vocab_size(n_vocab)
    writer.add_tokenizer_model(field(reader, "tokenizer.ggml.model"))
    writer.add_tokenizer_pre(field(reader, "tokenizer.ggml.pre"))
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_merges(merges)
    writer.add_bos_token_id(field(reader, "tokenizer.ggml.bos_token_id"))
    writer.add_eos_token_id(end)
    writer.add_eot_token_id(end)
    writer.add_pad_token_id(field(reader, "tokenizer.ggml.padding_token_id"))
    writer.add_add_bos_token(False)
    writer.add_chat_template(field(reader, "tokenizer.chat_template"))

    for name, array in tensors(n_vocab, bias, end):
        writer.add_tensor(name, array)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    banned = int((bias == BANNED_BIAS).sum())
    print(f"wrote {out_path}: {n_vocab} tokens, {banned} never generated, end of turn {END_OF_TURN} ({end})")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: tiny-gguf.py <ggml-vocab-qwen2.gguf> <out.gguf>")
    main(sys.argv[1], sys.argv[2])
