//! Laying out the Rust of `print_ast.rs` as prettyplease does: each construct opens
//! the same boxes and breaks that prettyplease opens for it (learnt from its output on
//! the resources files; `tests/tests/print_resources_matches_prettyplease.rs` checks
//! the two agree on every fixture and real spec), and `print_engine.rs` decides the
//! line breaks.

use super::print_ast::{Attr, Expr, Method, Pat, Path, Stmt, Type};
use super::print_engine::Doc;

/// The indent of a block or broken list.
const INDENT: isize = 4;
/// prettyplease keeps a struct literal on one line only up to this width.
const STRUCT_LITERAL_WIDTH: isize = super::print::STRUCT_LITERAL_WIDTH as isize;

/// `impl<'a> {name}<'a> { methods }` as prettyplease prints it (before `format::tidy`),
/// or `None` when some part is not plain.
pub(crate) fn impl_block(name: &str, methods: &[Method]) -> Option<String> {
    let header = format!("impl<'a> {name}<'a> {{");
    if !super::print::fits(header.len()) || methods.is_empty() {
        return None;
    }
    let mut doc = Doc::default();
    doc.cbox(INDENT);
    doc.word(header);
    doc.hardbreak();
    for method in methods {
        fn_item(&mut doc, method)?;
    }
    doc.offset(-INDENT);
    doc.end();
    doc.word("}");
    doc.hardbreak();
    Some(doc.print())
}

fn fn_item(doc: &mut Doc, method: &Method) -> Option<()> {
    for attr in &method.attrs {
        match attr {
            Attr::Doc(text) => {
                if text.contains('\n') || text.starts_with('/') {
                    return None;
                }
                doc.word(format!("///{}", text.trim_end_matches(' ')));
            }
            Attr::Other(text) => doc.word(format!("#[{text}]")),
        }
        doc.hardbreak();
    }
    doc.cbox(INDENT);
    doc.word(if method.is_async {
        "pub async fn "
    } else {
        "pub fn "
    });
    doc.word(method.name.clone());
    doc.word("(");
    doc.neverbreak();
    doc.cbox(0);
    doc.zerobreak();
    doc.word("&self");
    doc.trailing_comma(method.params.is_empty());
    for (i, (name, ty)) in method.params.iter().enumerate() {
        doc.word(format!("{name}: "));
        type_(doc, ty);
        doc.trailing_comma(i + 1 == method.params.len());
    }
    doc.offset(-INDENT);
    doc.end();
    doc.word(")");
    doc.cbox(-INDENT);
    doc.word(" -> ");
    type_(doc, &method.output);
    doc.end();
    doc.word(" {");
    doc.hardbreak();
    stmts(doc, &method.body);
    doc.offset(-INDENT);
    doc.end();
    doc.word("}");
    doc.hardbreak();
    Some(())
}

fn stmts(doc: &mut Doc, stmts: &[Stmt]) {
    for s in stmts {
        stmt(doc, s);
    }
}

fn stmt(doc: &mut Doc, stmt: &Stmt) {
    match stmt {
        Stmt::Local(pat, init) => {
            doc.ibox(0);
            doc.word("let ");
            pattern(doc, pat);
            if let Some(init) = init {
                doc.word(" = ");
                doc.neverbreak();
                expr(doc, init);
            }
            doc.end();
            doc.word(";");
        }
        Stmt::Item(keyword, name, ty, value) => {
            doc.cbox(0);
            doc.word(format!("{keyword} {name}: "));
            type_(doc, ty);
            doc.word(" = ");
            doc.neverbreak();
            expr(doc, value);
            doc.word(";");
            doc.end();
        }
        Stmt::Expr(e, semi) => {
            doc.ibox(0);
            expr_bol(doc, e, true);
            // An `if` without `else` is printed without its `;`.
            if *semi && !matches!(e, Expr::If(..)) {
                doc.word(";");
            }
            doc.end();
        }
    }
    doc.hardbreak();
}

fn path(doc: &mut Doc, path: &Path, in_expr: bool) {
    let mut text = String::new();
    if path.leading_colon {
        text.push_str("::");
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            text.push_str("::");
        }
        text.push_str(&segment.ident);
        if let Some(args) = &segment.args {
            if args.is_empty() {
                continue;
            }
            if in_expr {
                text.push_str("::");
            }
            text.push('<');
            doc.word(std::mem::take(&mut text));
            comma_list(doc, args, type_);
            text.push('>');
        }
    }
    if !text.is_empty() {
        doc.word(text);
    }
}

/// `items` in a box one indent deep: on one line, or one per line with a trailing
/// comma, as prettyplease lays out argument, generic and pattern lists.
fn comma_list<T>(doc: &mut Doc, items: &[T], mut each: impl FnMut(&mut Doc, &T)) {
    doc.cbox(INDENT);
    doc.zerobreak();
    for (i, item) in items.iter().enumerate() {
        each(doc, item);
        doc.trailing_comma(i + 1 == items.len());
    }
    doc.offset(-INDENT);
    doc.end();
}

fn type_(doc: &mut Doc, ty: &Type) {
    match ty {
        Type::Path(p) => path(doc, p, false),
        Type::Ref { mutable, elem } => {
            doc.word(if *mutable { "&mut " } else { "&" });
            type_(doc, elem);
        }
        Type::ImplTrait(p) => {
            doc.word("impl ");
            path(doc, p, false);
        }
        Type::Unit => doc.word("()"),
    }
}

fn pattern(doc: &mut Doc, pat: &Pat) {
    match pat {
        Pat::Ident { mutable, name } => {
            if *mutable {
                doc.word("mut ");
            }
            doc.word(name.clone());
        }
        Pat::Wild => doc.word("_"),
        Pat::TupleStruct(p, elems) => {
            path(doc, p, true);
            doc.word("(");
            comma_list(doc, elems, pattern);
            doc.word(")");
        }
    }
}

/// A path of one short identifier (at most one indent wide), which a method chain
/// at the start of a line does not break after.
fn is_short_ident(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if !p.leading_colon
        && p.segments.len() == 1
        && p.segments[0].args.is_none()
        && p.segments[0].ident.len() as isize <= INDENT)
}

fn is_blocklike(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Array(_)
            | Expr::Async(_)
            | Expr::Block(_)
            | Expr::Closure(..)
            | Expr::Struct { .. }
            | Expr::Tuple(_)
    )
}

/// Whether an `if` condition that wraps puts the block on a line of its own.
fn needs_newline_if_wrap(e: &Expr) -> bool {
    match e {
        Expr::Await(_) | Expr::Field(..) | Expr::Method { .. } => true,
        Expr::Call(func, _) => needs_newline_if_wrap(func),
        Expr::Let(_, inner) | Expr::Try(inner) | Expr::Ref { expr: inner, .. } => {
            needs_newline_if_wrap(inner)
        }
        _ => false,
    }
}

/// Whether `{ e }` reads as `e` would, so a wrapped closure body may take braces.
fn parseable_as_stmt(e: &Expr) -> bool {
    match e {
        Expr::Let(..) => false,
        Expr::Await(inner) | Expr::Try(inner) | Expr::Field(inner, _) | Expr::Call(inner, _) => {
            parseable_as_stmt(inner)
        }
        Expr::Method { receiver, .. } => parseable_as_stmt(receiver),
        _ => true,
    }
}

fn closure(doc: &mut Doc, pats: &[Pat], body: &Expr) {
    doc.ibox(0);
    doc.cbox(INDENT);
    doc.word("|");
    for (i, pat) in pats.iter().enumerate() {
        if i == 0 {
            doc.zerobreak();
        }
        pattern(doc, pat);
        if i + 1 < pats.len() {
            doc.word(",");
            doc.space();
        }
    }
    doc.word("|");
    doc.space();
    doc.offset(-INDENT);
    doc.end();
    doc.neverbreak();
    if is_blocklike(body) || matches!(body, Expr::Call(..)) {
        expr(doc, body);
    } else {
        doc.cbox(INDENT);
        let close = doc.wrapping_breaks(if parseable_as_stmt(body) { '{' } else { '(' });
        expr(doc, body);
        close(doc);
        doc.end();
    }
    doc.end();
}

fn expr_bol(doc: &mut Doc, e: &Expr, bol: bool) {
    match e {
        Expr::Await(inner) => {
            doc.cbox(INDENT);
            await_(doc, inner, bol);
            doc.end();
        }
        Expr::Field(base, member) => {
            doc.cbox(INDENT);
            field(doc, base, member, bol);
            doc.end();
        }
        Expr::Method {
            receiver,
            method,
            args,
        } => {
            doc.cbox(INDENT);
            let unindent = bol && is_short_ident(receiver);
            method_call(doc, (receiver, method, args), bol, unindent);
            doc.end();
        }
        Expr::Try(inner) => {
            expr_bol(doc, inner, bol);
            doc.word("?");
        }
        _ => expr(doc, e),
    }
}

/// The receiver of a `.`: chains share one box, anything else gets a box of its own.
fn prefix(doc: &mut Doc, e: &Expr, bol: bool) {
    match e {
        Expr::Await(inner) => await_(doc, inner, bol),
        Expr::Call(func, args) => {
            prefix(doc, func, false);
            doc.word("(");
            call_args(doc, args);
            doc.word(")");
        }
        Expr::Field(base, member) => field(doc, base, member, bol),
        Expr::Method {
            receiver,
            method,
            args,
        } => method_call(doc, (receiver, method, args), bol, false),
        Expr::Try(inner) => {
            prefix(doc, inner, bol);
            doc.word("?");
        }
        _ => {
            doc.cbox(-INDENT);
            expr(doc, e);
            doc.end();
        }
    }
}

/// The break before a `.` in a chain, left out after a short receiver that starts
/// the line.
fn dot_break(doc: &mut Doc, receiver: &Expr, bol: bool) {
    if !(bol && is_short_ident(receiver)) {
        doc.zerobreak();
    }
}

fn await_(doc: &mut Doc, base: &Expr, bol: bool) {
    prefix(doc, base, bol);
    dot_break(doc, base, bol);
    doc.word(".await");
}

fn field(doc: &mut Doc, base: &Expr, member: &str, bol: bool) {
    prefix(doc, base, bol);
    dot_break(doc, base, bol);
    doc.word(format!(".{member}"));
}

fn method_call(
    doc: &mut Doc,
    (receiver, method, args): (&Expr, &str, &[Expr]),
    bol: bool,
    unindent: bool,
) {
    prefix(doc, receiver, bol);
    dot_break(doc, receiver, bol);
    doc.word(format!(".{method}"));
    doc.cbox(if unindent { -INDENT } else { 0 });
    doc.word("(");
    call_args(doc, args);
    doc.word(")");
    doc.end();
}

fn call_args(doc: &mut Doc, args: &[Expr]) {
    if let [only] = args {
        if is_blocklike(only) {
            expr(doc, only);
            return;
        }
    }
    comma_list(doc, args, expr);
}

fn small_block(doc: &mut Doc, body: &[Stmt]) {
    doc.word("{");
    if !body.is_empty() {
        doc.space();
        match body {
            [Stmt::Expr(e, false)] => {
                doc.ibox(0);
                expr_bol(doc, e, true);
                doc.end();
                doc.space();
            }
            _ => stmts(doc, body),
        }
        doc.offset(-INDENT);
    }
    doc.word("}");
}

/// Whether prettyplease lays an array out as a filled paragraph: all its elements
/// are plain number or boolean literals.
fn simple_array(elems: &[Expr]) -> bool {
    elems.iter().all(|e| match e {
        Expr::Lit(text) => text.starts_with(|c: char| c.is_ascii_digit()),
        Expr::Path(p) => {
            !p.leading_colon
                && p.segments.len() == 1
                && matches!(p.segments[0].ident.as_str(), "true" | "false")
        }
        _ => false,
    })
}

fn expr(doc: &mut Doc, e: &Expr) {
    match e {
        Expr::Path(p) => path(doc, p, true),
        Expr::Lit(text) => doc.word(text.clone()),
        Expr::Call(func, args) => {
            expr_bol(doc, func, false);
            doc.word("(");
            call_args(doc, args);
            doc.word(")");
        }
        Expr::Method { .. } | Expr::Field(..) | Expr::Await(_) | Expr::Try(_) => {
            expr_bol(doc, e, false)
        }
        Expr::Ref {
            mutable,
            expr: inner,
        } => {
            doc.word(if *mutable { "&mut " } else { "&" });
            expr(doc, inner);
        }
        Expr::Struct {
            path: p,
            fields,
            rest,
        } => {
            doc.cbox(INDENT);
            doc.ibox(-INDENT);
            path(doc, p, true);
            doc.end();
            doc.word(" {");
            doc.space_if_nonempty();
            for (i, (name, value)) in fields.iter().enumerate() {
                doc.word(format!("{name}: "));
                doc.ibox(0);
                expr(doc, value);
                doc.end();
                doc.trailing_comma_or_space(i + 1 == fields.len() && rest.is_none());
            }
            if let Some(rest) = rest {
                doc.word("..");
                expr(doc, rest);
                doc.space();
            }
            doc.offset(-INDENT);
            doc.end_with_max_width(STRUCT_LITERAL_WIDTH);
            doc.word("}");
        }
        Expr::Block(body) => {
            doc.cbox(INDENT);
            small_block(doc, body);
            doc.end();
        }
        Expr::Async(body) => {
            doc.word("async ");
            doc.cbox(INDENT);
            small_block(doc, body);
            doc.end();
        }
        Expr::Array(elems) if elems.is_empty() => doc.word("[]"),
        Expr::Array(elems) if simple_array(elems) => {
            doc.cbox(INDENT);
            doc.word("[");
            doc.zerobreak();
            doc.ibox(0);
            for (i, elem) in elems.iter().enumerate() {
                expr(doc, elem);
                if i + 1 < elems.len() {
                    doc.word(",");
                    doc.space();
                }
            }
            doc.end();
            doc.trailing_comma(true);
            doc.offset(-INDENT);
            doc.word("]");
            doc.end();
        }
        Expr::Array(elems) => {
            doc.word("[");
            comma_list(doc, elems, expr);
            doc.word("]");
        }
        Expr::Tuple(elems) => {
            doc.word("(");
            doc.cbox(INDENT);
            doc.zerobreak();
            for (i, elem) in elems.iter().enumerate() {
                expr(doc, elem);
                if elems.len() == 1 {
                    doc.word(",");
                    doc.zerobreak();
                } else {
                    doc.trailing_comma(i + 1 == elems.len());
                }
            }
            doc.offset(-INDENT);
            doc.end();
            doc.word(")");
        }
        Expr::If(cond, then) => {
            doc.cbox(INDENT);
            doc.word("if ");
            doc.cbox(-INDENT);
            doc.cbox(0);
            expr(doc, cond);
            if needs_newline_if_wrap(cond) {
                doc.space();
            } else {
                doc.word(" ");
            }
            doc.end();
            doc.end();
            if then.is_empty() {
                doc.word("{}");
            } else {
                doc.word("{");
                doc.hardbreak();
                stmts(doc, then);
                doc.offset(-INDENT);
                doc.word("}");
            }
            doc.end();
        }
        Expr::Closure(pats, body) => closure(doc, pats, body),
        Expr::Let(pat, value) => {
            doc.ibox(0);
            doc.word("let ");
            doc.ibox(0);
            pattern(doc, pat);
            doc.end();
            doc.word(" = ");
            doc.neverbreak();
            doc.ibox(0);
            expr(doc, value);
            doc.end();
            doc.end();
        }
    }
}
