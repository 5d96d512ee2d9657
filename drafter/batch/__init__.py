"""`drafter batch`: a summary for every person in a team, resumable, with a progress bar and an index; and the
same requests through the OpenAI Batch file format (OpenAI Batch API, `vllm run-batch`).

One module per concept: inputs (team folder, CSV or JSONL → people), naming (output file names), manifest (the
run's state, resume), runner (drafting people under one concurrency limit), index (index.json and index.md),
progress (the terminal view) and openai_batch (export, import, submit, status, fetch).
"""
