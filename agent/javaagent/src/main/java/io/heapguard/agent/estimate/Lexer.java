package io.heapguard.agent.estimate;

import java.util.ArrayList;
import java.util.List;

/** Splits an estimate expression into tokens; numbers may use {@code _} separators ({@code 10_000}). */
final class Lexer {

    private final String source;
    private final SyntaxErrors errors;
    private int position;

    private Lexer(String source, SyntaxErrors errors) {
        this.source = source;
        this.errors = errors;
    }

    static List<Token> tokenize(String source, SyntaxErrors errors) throws EstimateSyntaxException {
        return new Lexer(source, errors).all();
    }

    private List<Token> all() throws EstimateSyntaxException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position >= source.length()) {
                tokens.add(new Token(Token.Type.END, "", source.length(), 0));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() throws EstimateSyntaxException {
        int start = position;
        char c = source.charAt(position);
        if (isDigit(c)) {
            return number(start);
        }
        if (c == '$') {
            position++;
            if (position >= source.length() || !isDigit(source.charAt(position))) {
                throw errors.at(position, "expected a parameter position after '$' (like $0)");
            }
            while (position < source.length() && isDigit(source.charAt(position))) {
                position++;
            }
            return token(Token.Type.POSITIONAL, start);
        }
        if (Character.isJavaIdentifierStart(c)) {
            while (position < source.length() && Character.isJavaIdentifierPart(source.charAt(position))
                    && source.charAt(position) != '$') {
                position++;
            }
            return token(Token.Type.IDENTIFIER, start);
        }
        position++;
        return switch (c) {
            case '+' -> token(Token.Type.PLUS, start);
            case '-' -> token(Token.Type.MINUS, start);
            case '*' -> token(Token.Type.STAR, start);
            case '/' -> token(Token.Type.SLASH, start);
            case '(' -> token(Token.Type.LEFT_PAREN, start);
            case ')' -> token(Token.Type.RIGHT_PAREN, start);
            case ',' -> token(Token.Type.COMMA, start);
            case '.' -> token(Token.Type.DOT, start);
            case '?' -> {
                if (position < source.length() && source.charAt(position) == ':') {
                    position++;
                    yield token(Token.Type.ELVIS, start);
                }
                throw errors.at(start, "expected '?:' (the default when the left side is null)");
            }
            default -> throw errors.at(start, "unexpected character '" + c + "'; allowed: numbers, parameter"
                    + " names, $N, '.', + - * / ( ) , ?: and the units KB MB GB");
        };
    }

    private Token number(int start) throws EstimateSyntaxException {
        digits();
        if (position < source.length() && source.charAt(position) == '.') {
            position++;
            if (position >= source.length() || !isDigit(source.charAt(position))) {
                throw errors.at(position, "expected a digit after the decimal point");
            }
            digits();
        }
        String text = source.substring(start, position);
        return new Token(Token.Type.NUMBER, text, start, Double.parseDouble(text.replace("_", "")));
    }

    private void digits() throws EstimateSyntaxException {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == '_') {
                boolean betweenDigits = isDigit(source.charAt(position - 1)) && position + 1 < source.length()
                        && isDigit(source.charAt(position + 1));
                if (!betweenDigits) {
                    throw errors.at(position, "'_' in a number must stand between two digits");
                }
            } else if (!isDigit(c)) {
                return;
            }
            position++;
        }
    }

    private Token token(Token.Type type, int start) {
        return new Token(type, source.substring(start, position), start, 0);
    }

    private void skipWhitespace() {
        while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
