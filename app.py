"""Placeholder app until the chat app lands: a minimal Gradio page over `qa.ask`."""

import gradio as gr

from qa import ask


def _answer(question: str) -> str:
    try:
        return ask(question).answer
    except (TypeError, ValueError) as exc:
        return f"**Please check your question:** {exc}"


demo = gr.Interface(
    fn=_answer, inputs=gr.Textbox(label="Question"), outputs=gr.Markdown(), title="Evidence QA"
)

if __name__ == "__main__":
    demo.launch(server_name="127.0.0.1", server_port=7860)
