package io.heapguard.agent.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.heapguard.agent.config.ClosestMatch;

/**
 * Recursive-descent parser. Grammar, lowest precedence first:
 *
 * <pre>
 * expression := additive [ '?:' expression ]                  (right-associative)
 * additive   := term { ('+' | '-') term }
 * term       := unary { ('*' | '/') unary }
 * unary      := ('-' | '+') unary | postfix
 * postfix    := primary { '.' IDENTIFIER } [ UNIT ]             (UNIT only after a number or ')')
 * primary    := NUMBER | '(' expression ')' | FUNCTION '(' expression { ',' expression } ')'
 *             | IDENTIFIER | '$' DIGITS
 * </pre>
 *
 * Every node is checked where it is used (a number, something {@code len()} can measure, something
 * with properties) against what the declared parameter types allow, so most mistakes surface at
 * parse time, with the expression, position and parameter list.
 */
final class Parser {

    /** Deeper nesting than this is certainly a mistake and would risk the transformer's stack. */
    private static final int MAX_NESTING_DEPTH = 100;

    private static final Map<String, Double> UNIT_BYTES = Map.of(
            "KB", 1024.0,
            "MB", 1024.0 * 1024,
            "GB", 1024.0 * 1024 * 1024);

    private final String source;
    private final Parameters parameters;
    private final SyntaxErrors errors;
    private final List<Token> tokens;
    /** Type checks run after the whole expression parsed, so a syntax error is reported first. */
    private final List<Check> deferred = new ArrayList<>();
    private final boolean[] parametersRead;
    private int index;
    private int depth;

    private interface Check {
        void run() throws EstimateSyntaxException;
    }

    private Parser(String source, Parameters parameters, SyntaxErrors errors, List<Token> tokens) {
        this.source = source;
        this.parameters = parameters;
        this.errors = errors;
        this.tokens = tokens;
        this.parametersRead = new boolean[parameters.count()];
    }

    /** A checked expression tree, and which parameters it reads (by index). */
    record Parsed(Node root, boolean[] parametersRead) {
    }

    static Parsed parse(String source, Parameters parameters) throws EstimateSyntaxException {
        SyntaxErrors errors = new SyntaxErrors(source, parameters);
        Parser parser = new Parser(source, parameters, errors, Lexer.tokenize(source, errors));
        Node root = parser.whole();
        return new Parsed(root, parser.parametersRead);
    }

    private Node whole() throws EstimateSyntaxException {
        if (peek().type() == Token.Type.END) {
            throw errors.at(0, "the expression is empty; expected a number, parameter, $N or function");
        }
        Node root = expression();
        Token rest = peek();
        if (rest.type() == Token.Type.RIGHT_PAREN) {
            throw errors.at(rest.position(), "unbalanced ')': no '(' to close");
        }
        if (rest.type() != Token.Type.END) {
            throw errors.at(rest.position(), "expected an operator (+ - * / ?:) or the end, found " + rest.describe());
        }
        deferNumeric(root);
        for (Check check : deferred) {
            check.run();
        }
        return root;
    }

    private Node expression() throws EstimateSyntaxException {
        int start = peek().position();
        Node left = additive();
        if (peek().type() != Token.Type.ELVIS) {
            return left;
        }
        Token elvis = advance();
        if (!left.isReference()) {
            throw errors.at(elvis.position(), "the left side of '?:' must be a parameter or property, found '"
                    + left.text + "'; put the default in parentheses, e.g. 1KB + (x ?: 0)");
        }
        deferred.add(() -> {
            if (!left.canBeNull()) {
                throw errors.at(elvis.position(), "'" + left.text + "' is a primitive and never null, so '?:' has no effect");
            }
        });
        enter(elvis);
        Node right = expression();
        depth--;
        return new ElvisNode(start, textFrom(start), left, right);
    }

    private Node additive() throws EstimateSyntaxException {
        int start = peek().position();
        Node left = term();
        while (peek().type() == Token.Type.PLUS || peek().type() == Token.Type.MINUS) {
            boolean plus = advance().type() == Token.Type.PLUS;
            Node right = term();
            deferNumeric(left);
            deferNumeric(right);
            String text = textFrom(start);
            left = plus ? new Arithmetic.Add(start, text, left, right)
                    : new Arithmetic.Subtract(start, text, left, right);
        }
        return left;
    }

    private Node term() throws EstimateSyntaxException {
        int start = peek().position();
        Node left = unary();
        while (peek().type() == Token.Type.STAR || peek().type() == Token.Type.SLASH) {
            boolean multiply = advance().type() == Token.Type.STAR;
            Node right = unary();
            deferNumeric(left);
            deferNumeric(right);
            String text = textFrom(start);
            left = multiply ? new Arithmetic.Multiply(start, text, left, right)
                    : new Arithmetic.Divide(start, text, left, right);
        }
        return left;
    }

    private Node unary() throws EstimateSyntaxException {
        Token sign = peek();
        if (sign.type() != Token.Type.MINUS && sign.type() != Token.Type.PLUS) {
            return postfix();
        }
        advance();
        enter(sign);
        Node operand = unary();
        depth--;
        deferNumeric(operand);
        return sign.type() == Token.Type.PLUS ? operand
                : new Arithmetic.Negate(sign.position(), textFrom(sign.position()), operand);
    }

    private Node postfix() throws EstimateSyntaxException {
        Token first = peek();
        Node node = primary();
        while (peek().type() == Token.Type.DOT) {
            advance();
            Token name = peek();
            if (name.type() != Token.Type.IDENTIFIER) {
                throw errors.at(name.position(), "expected a property name after '.', found " + name.describe());
            }
            advance();
            if (!node.isReference()) {
                throw errors.at(node.position, "'" + node.text + "' has no properties (cannot read ."
                        + name.text() + ")");
            }
            Node target = node;
            deferred.add(() -> target.checkHasProperties(name.text(), errors));
            node = new PropertyNode(first.position(), textFrom(first.position()), node, name.text());
        }
        return unit(first, node);
    }

    /** An optional unit right after a number or a closing parenthesis. */
    private Node unit(Token first, Node node) throws EstimateSyntaxException {
        Token candidate = peek();
        if (candidate.type() != Token.Type.IDENTIFIER) {
            return node;
        }
        Double bytes = UNIT_BYTES.get(candidate.text().toUpperCase(Locale.ROOT));
        Token previous = tokens.get(index - 1);
        boolean afterNumberOrParen = previous.type() == Token.Type.NUMBER
                || previous.type() == Token.Type.RIGHT_PAREN;
        if (bytes == null) {
            if (previous.type() == Token.Type.NUMBER && candidate.position() == end(previous)) {
                throw errors.at(candidate.position(), "unknown unit '" + candidate.text() + "' after "
                        + previous.text() + "; expected KB, MB or GB (binary: 1KB = 1024)");
            }
            return node;
        }
        if (!afterNumberOrParen) {
            throw errors.at(candidate.position(), "a unit must follow a number or ')': write "
                    + node.text + " * 1" + candidate.text());
        }
        advance();
        deferNumeric(node);
        String text = textFrom(first.position());
        return new Arithmetic.Multiply(first.position(), text, node,
                new LiteralNode(candidate.position(), candidate.text(), bytes));
    }

    private Node primary() throws EstimateSyntaxException {
        Token token = peek();
        switch (token.type()) {
            case NUMBER -> {
                advance();
                return new LiteralNode(token.position(), token.text(), token.number());
            }
            case LEFT_PAREN -> {
                advance();
                enter(token);
                Node inner = expression();
                expect(Token.Type.RIGHT_PAREN, "')' to close the '(' at position " + token.position());
                depth--;
                return inner;
            }
            case POSITIONAL -> {
                advance();
                return positional(token);
            }
            case IDENTIFIER -> {
                advance();
                if (peek().type() == Token.Type.LEFT_PAREN) {
                    return function(token);
                }
                return named(token);
            }
            default -> throw errors.at(token.position(),
                    "expected a number, parameter, $N, function or '(', found " + token.describe());
        }
    }

    private Node positional(Token token) throws EstimateSyntaxException {
        String digits = token.text().substring(1);
        int position = digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (position >= parameters.count()) {
            String range = parameters.count() == 0 ? "the method has no parameters"
                    : "positions go from $0 to $" + (parameters.count() - 1);
            throw errors.at(token.position(), "no parameter " + token.text() + ": " + range);
        }
        return parameter(token, position);
    }

    private Node parameter(Token token, int position) {
        parametersRead[position] = true;
        return new ParameterNode(token.position(), token.text(), position, parameters.type(position));
    }

    private Node named(Token token) throws EstimateSyntaxException {
        int position = parameters.indexOf(token.text());
        if (position >= 0) {
            return parameter(token, position);
        }
        if (UNIT_BYTES.containsKey(token.text().toUpperCase(Locale.ROOT))) {
            throw errors.at(token.position(), "a unit must follow a number, e.g. 1" + token.text());
        }
        StringBuilder problem = new StringBuilder("unknown parameter '").append(token.text()).append('\'');
        ClosestMatch.among(token.text(), parameters.knownNames())
                .ifPresent(suggestion -> problem.append("; did you mean '").append(suggestion).append("'?"));
        if (parameters.knownNames().isEmpty() && parameters.count() > 0) {
            problem.append(" (names need the class compiled with -parameters; $0, $1 ... always work)");
        }
        throw errors.at(token.position(), problem.toString());
    }

    private Node function(Token name) throws EstimateSyntaxException {
        String function = name.text();
        if (!List.of(Functions.MIN, Functions.MAX, Functions.LEN).contains(function)) {
            StringBuilder problem = new StringBuilder("unknown function '").append(function).append('\'');
            ClosestMatch.among(function, List.of(Functions.MIN, Functions.MAX, Functions.LEN))
                    .ifPresent(suggestion -> problem.append("; did you mean '").append(suggestion).append("'?"));
            problem.append("; available: min(a, b, ...), max(a, b, ...), len(x)");
            throw errors.at(name.position(), problem.toString());
        }
        Token open = advance();
        enter(open);
        List<Node> arguments = new ArrayList<>();
        if (peek().type() == Token.Type.RIGHT_PAREN) {
            throw errors.at(peek().position(), function + "() needs " + arity(function));
        }
        arguments.add(expression());
        while (peek().type() == Token.Type.COMMA) {
            advance();
            arguments.add(expression());
        }
        String closing = "to close '" + function + "(' at position " + open.position();
        expect(Token.Type.RIGHT_PAREN, function.equals(Functions.LEN) ? "')' " + closing : "',' or ')' " + closing);
        depth--;
        String text = textFrom(name.position());
        if (function.equals(Functions.LEN)) {
            if (arguments.size() != 1) {
                throw errors.at(name.position(), "len() needs exactly one argument, found " + arguments.size());
            }
            Node operand = arguments.get(0);
            deferred.add(() -> operand.checkMeasurable(errors));
            return new Functions.Len(name.position(), text, operand);
        }
        if (arguments.size() < 2) {
            throw errors.at(name.position(), function + "() needs " + arity(function) + ", found 1");
        }
        for (Node argument : arguments) {
            deferNumeric(argument);
        }
        Node[] operands = arguments.toArray(new Node[0]);
        return new Functions.Extremum(name.position(), text, operands, function.equals(Functions.MIN));
    }

    private void deferNumeric(Node node) {
        deferred.add(() -> node.checkNumeric(errors));
    }

    private static String arity(String function) {
        return function.equals(Functions.LEN) ? "one argument" : "at least two arguments";
    }

    private void expect(Token.Type type, String what) throws EstimateSyntaxException {
        Token token = peek();
        if (token.type() != type) {
            throw errors.at(token.position(), "expected " + what + ", found " + token.describe());
        }
        advance();
    }

    private void enter(Token token) throws EstimateSyntaxException {
        if (++depth > MAX_NESTING_DEPTH) {
            throw errors.at(token.position(), "nested more than " + MAX_NESTING_DEPTH + " levels deep");
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token advance() {
        return tokens.get(index++);
    }

    /** Source text from {@code start} to the end of the last consumed token. */
    private String textFrom(int start) {
        return source.substring(start, end(tokens.get(index - 1)));
    }

    private static int end(Token token) {
        return token.position() + token.text().length();
    }
}
