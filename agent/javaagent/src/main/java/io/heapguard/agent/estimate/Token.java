package io.heapguard.agent.estimate;

/** One lexical token of an estimate expression. */
record Token(Type type, String text, int position, double number) {

    enum Type {
        NUMBER, IDENTIFIER, POSITIONAL, PLUS, MINUS, STAR, SLASH, LEFT_PAREN, RIGHT_PAREN, COMMA, DOT, ELVIS, END
    }

    /** How a message shows this token: quoted text, or "end of expression". */
    String describe() {
        return type == Type.END ? "end of expression" : "'" + text + "'";
    }
}
