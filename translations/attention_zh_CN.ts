<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttentionTab</name>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>所有头</translation>
    </message>
    <message>
        <source>Q, K, V and output</source>
        <translation>Q、K、V 与输出</translation>
    </message>
    <message>
        <source>Why √d</source>
        <translation>为何除以 √d</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Attention(Q, K, V) = softmax(Q K&lt;sup&gt;T&lt;/sup&gt; · c / √d&lt;sub&gt;k&lt;/sub&gt; / T) V&lt;/b&gt;, one head at a time: Q = X W&lt;sub&gt;Q&lt;/sub&gt;, K = X W&lt;sub&gt;K&lt;/sub&gt;, V = X W&lt;sub&gt;V&lt;/sub&gt; split into heads of width d&lt;sub&gt;k&lt;/sub&gt; = d&lt;sub&gt;model&lt;/sub&gt; / heads; the outputs O&lt;sub&gt;h&lt;/sub&gt; = A V&lt;sub&gt;h&lt;/sub&gt; are concatenated and multiplied by W&lt;sub&gt;O&lt;/sub&gt;.&lt;/p&gt;&lt;p&gt;Each row of the heatmap is one token asking (its query) and the columns are the tokens it can look at (their keys). The dot product q·k becomes a score, the softmax turns a row of scores into weights that sum to 1, and the row&apos;s entropy says how spread out that token&apos;s attention is (0 nats = all on one key, ln n = uniform). Without the 1/√d&lt;sub&gt;k&lt;/sub&gt; the scores grow with the head width and the softmax saturates (see &lt;i&gt;Why √d&lt;/i&gt;); the causal mask is how GPT-style decoders stop a token from seeing the future.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Attention(Q, K, V) = softmax(Q K&lt;sup&gt;T&lt;/sup&gt; · c / √d&lt;sub&gt;k&lt;/sub&gt; / T) V&lt;/b&gt;，逐个注意力头计算：Q = X W&lt;sub&gt;Q&lt;/sub&gt;、K = X W&lt;sub&gt;K&lt;/sub&gt;、V = X W&lt;sub&gt;V&lt;/sub&gt; 按列切分成宽度为 d&lt;sub&gt;k&lt;/sub&gt; = d&lt;sub&gt;model&lt;/sub&gt; / 头数 的各个头；各头的输出 O&lt;sub&gt;h&lt;/sub&gt; = A V&lt;sub&gt;h&lt;/sub&gt; 拼接后再乘以 W&lt;sub&gt;O&lt;/sub&gt;。&lt;/p&gt;&lt;p&gt;热力图的每一行是一个发出询问的词元（它的查询），每一列是它可以关注的词元（它们的键）。点积 q·k 成为得分，softmax 把一行得分变成总和为 1 的权重，该行的熵表示这个词元的注意力有多分散（0 nats = 全部集中在一个键上，ln n = 均匀分布）。如果不除以 √d&lt;sub&gt;k&lt;/sub&gt;，得分会随头宽度增大，softmax 随之饱和（见&lt;i&gt;为何除以 √d&lt;/i&gt;）；因果掩码正是 GPT 式解码器不让词元看到未来的方法。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Set Temperature T to 0.1: each word now attends almost only to itself and the row entropies fall towards 0 (mean over the heads 1.28 → 0.12 nats). The rows of “The” and “the” stay at ln 2 ≈ 0.69: the two identical words share the weight.</source>
        <translation>把“温度 T”设为 0.1：每个词几乎只关注它自己，各行的熵降向 0（各头平均 1.28 → 0.12 nats）。“The”和“the”两行保持在 ln 2 ≈ 0.69：这两个相同的词平分权重。</translation>
    </message>
    <message>
        <source>Use random projections with one head of width d_k = 256 and untick Divide by √d_k: the scores are 16 times larger (max |S| ≈ 39 instead of 2.4) and the mean row entropy collapses to about 0.26 nats. Tick it again: about 2.19 nats, close to the uniform ln 12 = 2.48.</source>
        <translation>使用随机投影、只用一个宽度 d_k = 256 的注意力头，并取消勾选“除以 √d_k”：得分变大 16 倍（最大 |S| ≈ 39，而不是 2.4），平均行熵塌缩到约 0.26 nats。重新勾选：约 2.19 nats，接近均匀分布的 ln 12 = 2.48。</translation>
    </message>
    <message>
        <source>Set Mask to Causal, as in GPT: everything above the diagonal becomes 0, the first word puts all its weight on itself (entropy 0), and the dashed ceiling ln(i + 1) of row i grows down the rows.</source>
        <translation>像 GPT 那样把“掩码”设为“因果”：对角线以上全部变为 0，第一个词把全部权重放在自己身上（熵为 0），第 i 行的虚线上限 ln(i + 1) 逐行增大。</translation>
    </message>
    <message>
        <source>key (token looked at)</source>
        <translation>键（被关注的词元）</translation>
    </message>
    <message>
        <source>query (token looking)</source>
        <translation>查询（发出关注的词元）</translation>
    </message>
    <message>
        <source>row entropy (nats)
(dashed: uniform)</source>
        <translation>行熵（nats）
（虚线：均匀分布）</translation>
    </message>
    <message>
        <source>entropy of the row</source>
        <translation>该行的熵</translation>
    </message>
    <message>
        <source>ln(keys visible): uniform</source>
        <translation>ln(可见键数)：均匀分布</translation>
    </message>
    <message>
        <source>Attention weights</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>Selected query: weights over keys</source>
        <translation>所选查询：在各键上的权重</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Every head (click one to select it)</source>
        <translation>所有注意力头（点击一个以选中）</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Average over heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <source>The multiplications of one head</source>
        <translation>一个头中的矩阵乘法</translation>
    </message>
    <message>
        <source>Why √d: mean row entropy of random q, k against the head width</source>
        <translation>为何除以 √d：随机 q、k 的平均行熵随头宽度的变化</translation>
    </message>
    <message>
        <source>head width d_k</source>
        <translation>头宽度 d_k</translation>
    </message>
    <message>
        <source>mean row entropy (nats)</source>
        <translation>平均行熵（nats）</translation>
    </message>
    <message>
        <source>scaled: q·k / √d_k</source>
        <translation>缩放：q·k / √d_k</translation>
    </message>
    <message>
        <source>unscaled: q·k</source>
        <translation>未缩放：q·k</translation>
    </message>
    <message>
        <source>ln n − σ²/2 (many keys, σ = c/T)</source>
        <translation>ln n − σ²/2（键很多时，σ = c/T）</translation>
    </message>
    <message>
        <source>Computing %1 tokens in the background…</source>
        <translation>正在后台计算 %1 个词元…</translation>
    </message>
    <message>
        <source>score S (grey: masked, −∞)</source>
        <translation>得分 S（灰色：被掩码，−∞）</translation>
    </message>
    <message>
        <source>score S (mean of %1×%1 block; grey: holds a masked −∞)</source>
        <translation>得分 S（%1×%1 块的均值；灰色：块内含被掩码的 −∞）</translation>
    </message>
    <message>
        <source>weight (mean of %1×%1 block; scale 0 to max)</source>
        <translation>权重（%1×%1 块的均值；色标从 0 到最大值）</translation>
    </message>
    <message>
        <source>scores S = Q Kᵀ × %1</source>
        <translation>得分 S = Q Kᵀ × %1</translation>
    </message>
    <message>
        <source>weights A = softmax(S)</source>
        <translation>权重 A = softmax(S)</translation>
    </message>
    <message>
        <source>Head %1 of %2: %3</source>
        <translation>第 %1 个头（共 %2 个）：%3</translation>
    </message>
    <message>
        <source>Attention %1</source>
        <translation>注意力%1</translation>
    </message>
    <message>
        <source>Query &quot;%1&quot; (row %2): weights over keys, entropy %3 nats</source>
        <translation>查询“%1”（第 %2 行）：在各键上的权重，熵 %3 nats</translation>
    </message>
    <message>
        <source>▶ head %1</source>
        <translation>▶ 头 %1</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>Every head (mean of %1×%1 blocks; click one to select it)</source>
        <translation>所有注意力头（%1×%1 块均值；点击一个以选中）</translation>
    </message>
    <message>
        <source>mean weight (%1×%1 blocks)</source>
        <translation>平均权重（%1×%1 块）</translation>
    </message>
    <message>
        <source>mean weight</source>
        <translation>平均权重</translation>
    </message>
    <message>
        <source>Average of A over %1 heads</source>
        <translation>A 在 %1 个头上的平均</translation>
    </message>
    <message>
        <source>Q%1: n × d_k = %2 × %3</source>
        <translation>Q%1：n × d_k = %2 × %3</translation>
    </message>
    <message>
        <source>K%1ᵀ: d_k × n = %2 × %3</source>
        <translation>K%1ᵀ：d_k × n = %2 × %3</translation>
    </message>
    <message>
        <source>A%1 = softmax(Q Kᵀ…): %2 × %2</source>
        <translation>A%1 = softmax(Q Kᵀ…)：%2 × %2</translation>
    </message>
    <message>
        <source>V%1: n × d_v = %2 × %3</source>
        <translation>V%1：n × d_v = %2 × %3</translation>
    </message>
    <message>
        <source>O%1 = A V: %2 × %3</source>
        <translation>O%1 = A V：%2 × %3</translation>
    </message>
    <message>
        <source>output = concat(O) W_O: %1 × %2</source>
        <translation>输出 = concat(O) W_O：%1 × %2</translation>
    </message>
    <message>
        <source>Head %1 of %2: S = Q Kᵀ, A = softmax(S), O = A V</source>
        <translation>第 %1 个头（共 %2 个）：S = Q Kᵀ，A = softmax(S)，O = A V</translation>
    </message>
    <message>
        <source>S = Q Kᵀ, A = softmax(S), O = A V</source>
        <translation>S = Q Kᵀ，A = softmax(S)，O = A V</translation>
    </message>
    <message>
        <source>Why √d: mean row entropy of random q, k (n = %1 keys, 4 draws), current d_k = %2 dotted</source>
        <translation>为何除以 √d：随机 q、k 的平均行熵（n = %1 个键，抽样 4 次），点线为当前 d_k = %2</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>toy 2-D</source>
        <translation>二维玩具</translation>
    </message>
    <message>
        <source>Tokens n</source>
        <translation>词元数 n</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>token count (source)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>d_k</source>
        <translation>d_k</translation>
    </message>
    <message>
        <source>d_model / heads = d_k</source>
        <translation>d_model / 头数 = d_k</translation>
    </message>
    <message>
        <source>hashed from each word and seed %1</source>
        <translation>由每个词与种子 %1 哈希生成</translation>
    </message>
    <message>
        <source>no embeddings loaded: all %1 hashed (load a set in the embeddings tab)</source>
        <translation>未加载词向量：全部 %1 个均为哈希向量（请在嵌入标签页中加载一组）</translation>
    </message>
    <message>
        <source>, zero-padded %1 → %2</source>
        <translation>，补零 %1 → %2</translation>
    </message>
    <message>
        <source>, truncated %1 → %2</source>
        <translation>，截断 %1 → %2</translation>
    </message>
    <message>
        <source>%1 of %2 from the embeddings%3; %4 missing, hashed</source>
        <translation>%2 个中有 %1 个来自词嵌入%3；%4 个缺失，使用哈希向量</translation>
    </message>
    <message>
        <source>Token vectors</source>
        <translation>词元向量</translation>
    </message>
    <message>
        <source>Score multiplier</source>
        <translation>得分乘数</translation>
    </message>
    <message>
        <source>%1 = c / √d_k / T</source>
        <translation>%1 = c / √d_k / T</translation>
    </message>
    <message>
        <source>%1 = c / T</source>
        <translation>%1 = c / T</translation>
    </message>
    <message>
        <source>Selected head</source>
        <translation>所选注意力头</translation>
    </message>
    <message>
        <source>%1 (%2 asked, only %3 heads)</source>
        <translation>%1（请求的是 %2，但只有 %3 个头）</translation>
    </message>
    <message>
        <source>Selected query</source>
        <translation>所选查询</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (row %2)</source>
        <translation>“%1”（第 %2 行）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (row %2; %3 asked, only %4 tokens)</source>
        <translation>“%1”（第 %2 行；请求的是 %3，但只有 %4 个词元）</translation>
    </message>
    <message>
        <source>Its strongest key</source>
        <translation>其最强的键</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (%2), weight %3</source>
        <translation>“%1”（%2），权重 %3</translation>
    </message>
    <message>
        <source>Its row entropy</source>
        <translation>其行熵</translation>
    </message>
    <message>
        <source>%1 nats (uniform: %2)</source>
        <translation>%1 nats（均匀分布：%2）</translation>
    </message>
    <message>
        <source>Mean row entropy, this head</source>
        <translation>平均行熵（本头）</translation>
    </message>
    <message>
        <source>%1 nats</source>
        <translation>%1 nats</translation>
    </message>
    <message>
        <source>Mean row entropy, all heads</source>
        <translation>平均行熵（所有头）</translation>
    </message>
    <message>
        <source>computing the other heads…</source>
        <translation>正在计算其他注意力头…</translation>
    </message>
    <message>
        <source>fp16 check (max 65504)</source>
        <translation>fp16 检查（最大 65504）</translation>
    </message>
    <message>
        <source>max |q·k| = %1, max |S| = %2: %3</source>
        <translation>最大 |q·k| = %1，最大 |S| = %2：%3</translation>
    </message>
    <message>
        <source>&lt;b&gt;would overflow half precision&lt;/b&gt; before the softmax; see the precision tab (Ctrl+5)</source>
        <translation>在 softmax 之前&lt;b&gt;会超出半精度范围而溢出&lt;/b&gt;；见浮点数标签页（Ctrl+5）</translation>
    </message>
    <message>
        <source>fits in half precision; see the precision tab (Ctrl+5) for what fp16 rounds away</source>
        <translation>在半精度范围之内；fp16 的舍入误差见浮点数标签页（Ctrl+5）</translation>
    </message>
    <message>
        <source>query &quot;%1&quot; (%2) → key &quot;%3&quot; (%4)
weight %5
score %6</source>
        <translation>查询“%1”（%2）→ 键“%3”（%4）
权重 %5
得分 %6</translation>
    </message>
    <message>
        <source>−∞ (masked)</source>
        <translation>−∞（被掩码）</translation>
    </message>
    <message>
        <source>queries %1–%2 → keys %3–%4
block mean %5</source>
        <translation>查询 %1–%2 → 键 %3–%4
块均值 %5</translation>
    </message>
</context>
<context>
    <name>ToyPlane</name>
    <message>
        <source>Toy plane: drag the tips of q and k</source>
        <translation>玩具平面：拖动 q 和 k 的箭头尖端</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
</context>
<context>
    <name>aimath::AttentionTab</name>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
</context>
<context>
    <name>aimath::params</name>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Tokens from</source>
        <translation>词元来源</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Random tokens</source>
        <translation>随机词元</translation>
    </message>
    <message>
        <source>Toy 2-D vectors</source>
        <translation>二维玩具向量</translation>
    </message>
    <message>
        <source>A sentence you type, random token vectors (long sequences), or 2 to 6 hand-placed 2-D vectors</source>
        <translation>你输入的句子、随机词元向量（长序列），或 2 到 6 个手动摆放的二维向量</translation>
    </message>
    <message>
        <source>Split into words and punctuation (at most 512 tokens)</source>
        <translation>按单词和标点切分（最多 512 个词元）</translation>
    </message>
    <message>
        <source>Number of random tokens; above 512 the work runs in the background and only the selected head is kept in full</source>
        <translation>随机词元的个数；超过 512 时在后台计算，且只完整保留所选的注意力头</translation>
    </message>
    <message>
        <source>Token vectors</source>
        <translation>词元向量</translation>
    </message>
    <message>
        <source>Hashed (from the word)</source>
        <translation>哈希（由单词生成）</translation>
    </message>
    <message>
        <source>Embeddings tab</source>
        <translation>嵌入标签页</translation>
    </message>
    <message>
        <source>Hashed: a fixed random vector per word and seed. Embeddings: the word&apos;s vector from the table loaded in the embeddings tab (missing words fall back to hashed)</source>
        <translation>哈希：每个词和种子对应一个固定的随机向量。词嵌入：使用嵌入标签页中已加载词表里该词的向量（缺失的词退回哈希向量）</translation>
    </message>
    <message>
        <source>d_model</source>
        <translation>d_model</translation>
    </message>
    <message>
        <source>Width of each token vector</source>
        <translation>每个词元向量的宽度</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Sinusoidal (added to X)</source>
        <translation>正弦（加到 X 上）</translation>
    </message>
    <message>
        <source>RoPE (rotates Q and K)</source>
        <translation>RoPE（旋转 Q 和 K）</translation>
    </message>
    <message>
        <source>How the position of a token enters: not at all, added sinusoids, or rotary embedding of queries and keys</source>
        <translation>词元位置如何进入计算：不使用、加上正弦编码，或对查询和键做旋转位置编码</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seeds the hashed vectors and the projections W_Q, W_K, W_V, W_O</source>
        <translation>哈希向量以及投影矩阵 W_Q、W_K、W_V、W_O 的随机种子</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Number of heads; must divide d_model</source>
        <translation>注意力头的个数；必须整除 d_model</translation>
    </message>
    <message>
        <source>Q, K, V</source>
        <translation>Q、K、V</translation>
    </message>
    <message>
        <source>Projected (random W ~ N(0, 1/d))</source>
        <translation>投影（随机 W ~ N(0, 1/d)）</translation>
    </message>
    <message>
        <source>Identity (Q = K = V = X)</source>
        <translation>恒等（Q = K = V = X）</translation>
    </message>
    <message>
        <source>Identity shows pure similarity attention: a token attends to tokens whose vectors point the same way</source>
        <translation>恒等模式展示纯相似度注意力：一个词元关注向量方向与它相同的词元</translation>
    </message>
    <message>
        <source>Selected head</source>
        <translation>所选注意力头</translation>
    </message>
    <message>
        <source>The head shown in the heatmap (click a small multiple to pick one)</source>
        <translation>热力图中显示的注意力头（点击小图可选择）</translation>
    </message>
    <message>
        <source>Selected query</source>
        <translation>所选查询</translation>
    </message>
    <message>
        <source>The query row shown as bars (click a heatmap row to pick one)</source>
        <translation>以柱状图显示的查询行（点击热力图的一行可选择）</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Divide by √d_k</source>
        <translation>除以 √d_k</translation>
    </message>
    <message>
        <source>Scaled dot-product attention</source>
        <translation>缩放点积注意力</translation>
    </message>
    <message>
        <source>Score factor c</source>
        <translation>得分系数 c</translation>
    </message>
    <message>
        <source>Multiplies every score</source>
        <translation>乘到每个得分上</translation>
    </message>
    <message>
        <source>Temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <source>Scores are divided by T: low T sharpens, high T flattens</source>
        <translation>得分除以 T：T 低则分布更尖锐，T 高则更平坦</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Causal (no looking ahead)</source>
        <translation>因果（不能看到后面的词元）</translation>
    </message>
    <message>
        <source>Padding (hide last keys)</source>
        <translation>填充（隐藏最后几个键）</translation>
    </message>
    <message>
        <source>Masked scores are −∞ and get weight 0</source>
        <translation>被掩码的得分为 −∞，权重为 0</translation>
    </message>
    <message>
        <source>Padding tokens</source>
        <translation>填充词元数</translation>
    </message>
    <message>
        <source>The last pad tokens are hidden as keys</source>
        <translation>最后 pad 个词元作为键被隐藏</translation>
    </message>
    <message>
        <source>Heatmap shows</source>
        <translation>热力图显示</translation>
    </message>
    <message>
        <source>Weights A (0 to 1)</source>
        <translation>权重 A（0 到 1）</translation>
    </message>
    <message>
        <source>Raw scores S</source>
        <translation>原始得分 S</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>The attention weights after the softmax, or the scores before it</source>
        <translation>softmax 之后的注意力权重，或 softmax 之前的得分</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>所有头</translation>
    </message>
    <message>
        <source>Q, K, V and output</source>
        <translation>Q、K、V 与输出</translation>
    </message>
    <message>
        <source>Why √d</source>
        <translation>为何除以 √d</translation>
    </message>
    <message>
        <source>Inner view: weights heatmap, all heads, Q/K/V/output matrices, or the √d entropy curve</source>
        <translation>内部视图：权重热力图、所有注意力头、Q/K/V/输出矩阵，或 √d 熵曲线</translation>
    </message>
    <message>
        <source>Toy vectors</source>
        <translation>玩具向量</translation>
    </message>
    <message>
        <source>Queries (x,y,…)</source>
        <translation>查询 (x,y,…)</translation>
    </message>
    <message>
        <source>One 2-D query per token: x1,y1,x2,y2,… (2 to 6 tokens); or drag the arrows</source>
        <translation>每个词元一个二维查询：x1,y1,x2,y2,…（2 到 6 个词元）；也可以拖动箭头</translation>
    </message>
    <message>
        <source>Keys (x,y,…)</source>
        <translation>键 (x,y,…)</translation>
    </message>
    <message>
        <source>One 2-D key per token, as many as queries</source>
        <translation>每个词元一个二维键，个数与查询相同</translation>
    </message>
    <message>
        <source>Values (x,y,…)</source>
        <translation>值 (x,y,…)</translation>
    </message>
    <message>
        <source>One 2-D value per token, as many as queries</source>
        <translation>每个词元一个二维值，个数与查询相同</translation>
    </message>
</context>
</TS>
