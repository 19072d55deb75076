//! The small part of Rust the resources methods are written in, read back from the
//! tokens `resources.rs` builds (`print_resources.rs` prints it). Anything outside this
//! part (binary operators, closures with types, `match`, nested `fn`s, ...) is `None`,
//! and the item it is in goes through `syn` and prettyplease instead.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// A path as written: `::`-separated segments, each maybe with generic arguments.
pub(crate) struct Path {
    pub(crate) leading_colon: bool,
    pub(crate) segments: Vec<Segment>,
}

/// One path segment.
pub(crate) struct Segment {
    pub(crate) ident: String,
    /// `<...>` after it (in expressions, written `::<...>`).
    pub(crate) args: Option<Vec<Type>>,
}

/// A type.
pub(crate) enum Type {
    Path(Path),
    Ref { mutable: bool, elem: Box<Type> },
    ImplTrait(Path),
    Unit,
}

/// A pattern.
pub(crate) enum Pat {
    Ident { mutable: bool, name: String },
    Wild,
    TupleStruct(Path, Vec<Pat>),
}

/// An expression.
pub(crate) enum Expr {
    Path(Path),
    Lit(String),
    Call(Box<Expr>, Vec<Expr>),
    Method {
        receiver: Box<Expr>,
        method: String,
        args: Vec<Expr>,
    },
    Field(Box<Expr>, String),
    Await(Box<Expr>),
    Try(Box<Expr>),
    Ref {
        mutable: bool,
        expr: Box<Expr>,
    },
    Struct {
        path: Path,
        fields: Vec<(String, Expr)>,
        rest: Option<Box<Expr>>,
    },
    Block(Vec<Stmt>),
    Async(Vec<Stmt>),
    Array(Vec<Expr>),
    Tuple(Vec<Expr>),
    /// `if cond { .. }` without `else`.
    If(Box<Expr>, Vec<Stmt>),
    /// `let pat = expr` in an `if` condition.
    Let(Pat, Box<Expr>),
    /// `|pats| body`, without a return type.
    Closure(Vec<Pat>, Box<Expr>),
}

/// A statement.
pub(crate) enum Stmt {
    Local(Pat, Option<Expr>),
    /// An expression, with or without its `;`.
    Expr(Expr, bool),
    /// `const` or `static` (the keyword), name, type and value.
    Item(&'static str, String, Type, Expr),
}

/// One attribute: a doc line's text, or another attribute's text between `#[` and `]`.
pub(crate) enum Attr {
    Doc(String),
    Other(String),
}

/// A method: attributes, `async` or not, name, parameters, return type and body.
pub(crate) struct Method {
    pub(crate) attrs: Vec<Attr>,
    pub(crate) is_async: bool,
    pub(crate) name: String,
    /// `&self` first, then `name: Type` pairs.
    pub(crate) params: Vec<(String, Type)>,
    pub(crate) output: Type,
    pub(crate) body: Vec<Stmt>,
}

/// A token cursor over one level of a token stream.
struct Cursor {
    toks: Vec<TokenTree>,
    at: usize,
}

impl Cursor {
    fn new(stream: TokenStream) -> Self {
        Cursor {
            toks: stream.into_iter().collect(),
            at: 0,
        }
    }

    fn done(&self) -> bool {
        self.at >= self.toks.len()
    }

    fn peek(&self) -> Option<&TokenTree> {
        self.toks.get(self.at)
    }

    fn peek2(&self) -> Option<&TokenTree> {
        self.toks.get(self.at + 1)
    }

    /// The next token, moved out (so a group's stream is not shared, and reading it
    /// does not copy it).
    fn next(&mut self) -> Option<TokenTree> {
        let slot = self.toks.get_mut(self.at)?;
        self.at += 1;
        let placeholder = TokenTree::Punct(proc_macro2::Punct::new('~', Spacing::Alone));
        Some(std::mem::replace(slot, placeholder))
    }

    fn is_punct(&self, c: char) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == c)
    }

    /// Whether the next tokens are `::`.
    fn is_colon2(&self) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
            && matches!(self.peek2(), Some(TokenTree::Punct(p)) if p.as_char() == ':')
    }

    fn eat_punct(&mut self, c: char) -> Option<()> {
        self.is_punct(c).then(|| self.at += 1)
    }

    fn eat_colon2(&mut self) -> Option<()> {
        self.is_colon2().then(|| self.at += 2)
    }

    fn is_ident(&self, word: &str) -> bool {
        matches!(self.peek(), Some(TokenTree::Ident(i)) if i == word)
    }

    fn eat_ident(&mut self, word: &str) -> Option<()> {
        self.is_ident(word).then(|| self.at += 1)
    }

    fn ident(&mut self) -> Option<String> {
        match self.peek()? {
            TokenTree::Ident(i) => {
                let text = i.to_string();
                self.at += 1;
                Some(text)
            }
            _ => None,
        }
    }

    fn group(&mut self, delimiter: Delimiter) -> Option<TokenStream> {
        if !self.is_group(delimiter) {
            return None;
        }
        match self.next()? {
            TokenTree::Group(g) => Some(g.stream()),
            _ => None,
        }
    }

    fn is_group(&self, delimiter: Delimiter) -> bool {
        matches!(self.peek(), Some(TokenTree::Group(g)) if g.delimiter() == delimiter)
    }
}

/// The methods of an impl block's body.
pub(crate) fn methods(stream: TokenStream) -> Option<Vec<Method>> {
    each_of(stream, method)
}

/// `stream` read as a run of what `one` reads, to its end.
fn each_of<T>(stream: TokenStream, one: fn(&mut Cursor) -> Option<T>) -> Option<Vec<T>> {
    let mut c = Cursor::new(stream);
    let mut out = Vec::new();
    while !c.done() {
        out.push(one(&mut c)?);
    }
    Some(out)
}

fn method(c: &mut Cursor) -> Option<Method> {
    let mut attrs = Vec::new();
    while c.eat_punct('#').is_some() {
        attrs.push(attr(c.group(Delimiter::Bracket)?)?);
    }
    c.eat_ident("pub")?;
    let is_async = c.eat_ident("async").is_some();
    c.eat_ident("fn")?;
    let name = c.ident()?;
    let mut inputs = Cursor::new(c.group(Delimiter::Parenthesis)?);
    let mut params = Vec::new();
    inputs.eat_punct('&')?;
    inputs.eat_ident("self")?;
    while inputs.eat_punct(',').is_some() && !inputs.done() {
        let name = inputs.ident()?;
        inputs.eat_punct(':')?;
        params.push((name, ty(&mut inputs)?));
    }
    if !inputs.done() {
        return None;
    }
    c.eat_punct('-')?;
    c.eat_punct('>')?;
    let output = ty(c)?;
    let body = block(c.group(Delimiter::Brace)?)?;
    Some(Method {
        attrs,
        is_async,
        name,
        params,
        output,
        body,
    })
}

fn attr(stream: TokenStream) -> Option<Attr> {
    let mut c = Cursor::new(stream);
    if c.eat_ident("doc").is_some() && c.eat_punct('=').is_some() {
        let Some(TokenTree::Literal(lit)) = c.next() else {
            return None;
        };
        if !c.done() {
            return None;
        }
        // Most doc strings hold nothing escaped: their value is the text in the quotes.
        let repr = lit.to_string();
        if let Some(plain) = repr
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .filter(|r| !r.contains(['\\', '"']))
        {
            return Some(Attr::Doc(plain.to_string()));
        }
        return match syn::Lit::new(lit) {
            syn::Lit::Str(s) => Some(Attr::Doc(s.value())),
            _ => None,
        };
    }
    // Only the plain attributes the resources emit, as prettyplease spells them.
    let text = c.toks.into_iter().collect::<TokenStream>().to_string();
    match text.as_str() {
        "deprecated" => Some(Attr::Other("deprecated".into())),
        "allow (clippy :: too_many_arguments)" => {
            Some(Attr::Other("allow(clippy::too_many_arguments)".into()))
        }
        _ => None,
    }
}

fn path(c: &mut Cursor, in_expr: bool) -> Option<Path> {
    let leading_colon = c.eat_colon2().is_some();
    let mut segments = Vec::new();
    loop {
        let ident = c.ident()?;
        let mut args = None;
        let turbofish = in_expr && c.is_colon2() && {
            let after = c.toks.get(c.at + 2);
            matches!(after, Some(TokenTree::Punct(p)) if p.as_char() == '<')
        };
        if turbofish {
            c.at += 2;
        }
        if (turbofish || !in_expr) && c.eat_punct('<').is_some() {
            let mut list = Vec::new();
            while c.eat_punct('>').is_none() {
                if c.is_punct('\'') {
                    return None;
                }
                list.push(ty(c)?);
                if c.eat_punct(',').is_none() {
                    c.eat_punct('>')?;
                    break;
                }
            }
            args = Some(list);
        }
        segments.push(Segment { ident, args });
        if c.eat_colon2().is_none() {
            break;
        }
    }
    Some(Path {
        leading_colon,
        segments,
    })
}

fn ty(c: &mut Cursor) -> Option<Type> {
    if c.eat_punct('&').is_some() {
        if c.is_punct('\'') {
            return None;
        }
        let mutable = c.eat_ident("mut").is_some();
        return Some(Type::Ref {
            mutable,
            elem: Box::new(ty(c)?),
        });
    }
    if c.eat_ident("impl").is_some() {
        return Some(Type::ImplTrait(path(c, false)?));
    }
    if let Some(TokenTree::Group(g)) = c.peek() {
        if g.delimiter() == Delimiter::Parenthesis && g.stream().is_empty() {
            c.at += 1;
            return Some(Type::Unit);
        }
        return None;
    }
    Some(Type::Path(path(c, false)?))
}

fn pat(c: &mut Cursor) -> Option<Pat> {
    if c.eat_ident("_").is_some() {
        return Some(Pat::Wild);
    }
    let mutable = c.eat_ident("mut").is_some();
    if !mutable
        && c.peek2().is_some_and(
            |t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis),
        )
    {
        let path = path(c, true)?;
        let mut inner = Cursor::new(c.group(Delimiter::Parenthesis)?);
        let mut elems = Vec::new();
        while !inner.done() {
            elems.push(pat(&mut inner)?);
            if inner.eat_punct(',').is_none() && !inner.done() {
                return None;
            }
        }
        return Some(Pat::TupleStruct(path, elems));
    }
    Some(Pat::Ident {
        mutable,
        name: c.ident()?,
    })
}

/// The statements of a `{ .. }` block's contents.
pub(crate) fn block(stream: TokenStream) -> Option<Vec<Stmt>> {
    each_of(stream, stmt)
}

fn stmt(c: &mut Cursor) -> Option<Stmt> {
    if c.eat_ident("let").is_some() {
        let pat = pat(c)?;
        let init = match c.eat_punct('=') {
            Some(()) => Some(expr(c, true)?),
            None => None,
        };
        c.eat_punct(';')?;
        return Some(Stmt::Local(pat, init));
    }
    for keyword in ["const", "static"] {
        if c.eat_ident(keyword).is_some() {
            let name = c.ident()?;
            c.eat_punct(':')?;
            let ty = ty(c)?;
            c.eat_punct('=')?;
            let value = expr(c, true)?;
            c.eat_punct(';')?;
            return Some(Stmt::Item(keyword, name, ty, value));
        }
    }
    // A block-like expression ends its statement without a `;`.
    if c.is_ident("if") || c.is_group(Delimiter::Brace) {
        let e = primary(c, true)?;
        let semi = c.eat_punct(';').is_some();
        return Some(Stmt::Expr(e, semi));
    }
    let e = expr(c, true)?;
    let semi = c.eat_punct(';').is_some();
    if !semi && !c.done() {
        return None;
    }
    Some(Stmt::Expr(e, semi))
}

/// An expression; `structs` is false in an `if` condition, where `{` starts the block.
fn expr(c: &mut Cursor, structs: bool) -> Option<Expr> {
    if c.eat_punct('&').is_some() {
        let mutable = c.eat_ident("mut").is_some();
        let inner = expr(c, structs)?;
        return Some(Expr::Ref {
            mutable,
            expr: Box::new(inner),
        });
    }
    let mut e = primary(c, structs)?;
    loop {
        if c.is_punct('?') {
            c.at += 1;
            e = Expr::Try(Box::new(e));
        } else if c.is_punct('.') {
            c.at += 1;
            if c.is_punct('.') {
                return None;
            }
            let name = c.ident()?;
            if name == "await" {
                e = Expr::Await(Box::new(e));
            } else if c.is_group(Delimiter::Parenthesis) {
                let args = list(c.group(Delimiter::Parenthesis)?)?;
                e = Expr::Method {
                    receiver: Box::new(e),
                    method: name,
                    args,
                };
            } else {
                e = Expr::Field(Box::new(e), name);
            }
        } else if c.is_group(Delimiter::Parenthesis) {
            let args = list(c.group(Delimiter::Parenthesis)?)?;
            e = Expr::Call(Box::new(e), args);
        } else {
            break;
        }
    }
    // What may follow an expression here: its end, a separator or a block.
    match c.peek() {
        None => Some(e),
        Some(TokenTree::Punct(p)) if matches!(p.as_char(), ',' | ';') => Some(e),
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace && !structs => Some(e),
        _ => None,
    }
}

/// Comma-separated expressions.
fn list(stream: TokenStream) -> Option<Vec<Expr>> {
    let mut c = Cursor::new(stream);
    let mut out = Vec::new();
    while !c.done() {
        out.push(expr(&mut c, true)?);
        if c.eat_punct(',').is_none() && !c.done() {
            return None;
        }
    }
    Some(out)
}

fn primary(c: &mut Cursor, structs: bool) -> Option<Expr> {
    match c.peek()? {
        TokenTree::Literal(lit) => {
            let text = lit.to_string();
            c.at += 1;
            Some(Expr::Lit(text))
        }
        TokenTree::Group(g) => {
            let delimiter = g.delimiter();
            let stream = c.group(delimiter)?;
            match delimiter {
                Delimiter::Brace => Some(Expr::Block(block(stream)?)),
                Delimiter::Bracket => Some(Expr::Array(list(stream)?)),
                Delimiter::Parenthesis => {
                    // `(a)` is a parenthesised expression, not a tuple: not handled.
                    let elems = list(stream.clone())?;
                    let trailing = matches!(stream.into_iter().last(), Some(TokenTree::Punct(p)) if p.as_char() == ',');
                    (elems.len() != 1 || trailing).then_some(Expr::Tuple(elems))
                }
                Delimiter::None => None,
            }
        }
        TokenTree::Ident(i) if i == "async" => {
            c.at += 1;
            Some(Expr::Async(block(c.group(Delimiter::Brace)?)?))
        }
        TokenTree::Ident(i) if i == "if" => {
            c.at += 1;
            let cond = if c.eat_ident("let").is_some() {
                let pat = pat(c)?;
                c.eat_punct('=')?;
                let value = expr(c, false)?;
                Expr::Let(pat, Box::new(value))
            } else {
                expr(c, false)?
            };
            let then = block(c.group(Delimiter::Brace)?)?;
            if c.is_ident("else") {
                return None;
            }
            Some(Expr::If(Box::new(cond), then))
        }
        TokenTree::Punct(p) if p.as_char() == '|' => {
            c.at += 1;
            let mut pats = Vec::new();
            while c.eat_punct('|').is_none() {
                pats.push(pat(c)?);
                if c.eat_punct(',').is_none() {
                    c.eat_punct('|')?;
                    break;
                }
            }
            if c.is_punct('-') {
                return None;
            }
            let body = expr(c, structs)?;
            Some(Expr::Closure(pats, Box::new(body)))
        }
        TokenTree::Ident(i)
            if matches!(
                i.to_string().as_str(),
                "match" | "move" | "return" | "loop" | "while" | "for" | "unsafe"
            ) =>
        {
            None
        }
        TokenTree::Ident(_) | TokenTree::Punct(_) => {
            let path = path(c, true)?;
            if structs && c.is_group(Delimiter::Brace) {
                return struct_literal(path, c.group(Delimiter::Brace)?);
            }
            Some(Expr::Path(path))
        }
    }
}

fn struct_literal(path: Path, stream: TokenStream) -> Option<Expr> {
    let mut c = Cursor::new(stream);
    let mut fields = Vec::new();
    let mut rest = None;
    while !c.done() {
        if c.is_punct('.') {
            c.at += 1;
            c.eat_punct('.')?;
            rest = Some(Box::new(expr(&mut c, true)?));
            if !c.done() {
                return None;
            }
            break;
        }
        let name = c.ident()?;
        c.eat_punct(':')?;
        fields.push((name, expr(&mut c, true)?));
        if c.eat_punct(',').is_none() && !c.done() {
            return None;
        }
    }
    Some(Expr::Struct { path, fields, rest })
}
