<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DescentTab</name>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>A bowl with condition number κ = 50: its largest curvature is 50, so plain gradient descent is stable only for lr &lt; 2/50 = 0.04 (readout “Largest stable GD lr”). SGD at lr 0.041 zig-zags ever wider and diverges at step 228; set its lr to 0.039 and it converges to the minimum.</source>
        <translation>条件数 κ = 50 的二次碗形：最大曲率为 50，所以普通梯度下降只有在 lr &lt; 2/50 = 0.04 时才稳定（读数“梯度下降最大稳定学习率”）。学习率 0.041 的 SGD 越振荡越大，在第 228 步发散；把它的学习率改为 0.039，它就收敛到极小值。</translation>
    </message>
    <message>
        <source>Rosenbrock with SGD at lr 0.01 and Clip norm 1: the gradient at the start has norm 233, clipped to 1, and the run ends near f ≈ 0.09 after 500 steps. Set Clip norm to 0 and the same lr diverges at step 3.</source>
        <translation>Rosenbrock 曲面上学习率 0.01 的 SGD，“裁剪范数”为 1：起点处梯度的范数为 233，被裁剪到 1，500 步后停在 f ≈ 0.09 附近。把“裁剪范数”设为 0，同样的学习率在第 3 步就发散。</translation>
    </message>
    <message>
        <source>The saddle x² − y², starting just off the ridge at (−2, 0.01): after 500 steps SGD has barely left y = 0 (y ≈ 0.03), Momentum escapes after about 280 steps and Adam after about 20, because it moves every coordinate by about lr per step however small its gradient.</source>
        <translation>鞍面 x² − y²，从稍微偏离山脊的 (−2, 0.01) 出发：500 步后 SGD 几乎没有离开 y = 0（y ≈ 0.03），Momentum 大约 280 步后逃离，Adam 只要大约 20 步，因为无论梯度多小，它在每个坐标上每步都移动约 lr。</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>等高线图</translation>
    </message>
    <message>
        <source>3D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>Loss surface and optimizer paths</source>
        <translation>损失曲面与优化器路径</translation>
    </message>
    <message>
        <source>Taylor model</source>
        <translation>泰勒模型</translation>
    </message>
    <message>
        <source>known minima</source>
        <translation>已知极小值点</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Loss surface in 3D (drag to rotate)</source>
        <translation>三维损失曲面（拖动以旋转）</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Animate the optimizers step by step</source>
        <translation>逐步播放各优化器的迭代过程</translation>
    </message>
    <message>
        <source>Scrub through the steps</source>
        <translation>拖动以浏览各步</translation>
    </message>
    <message>
        <source>Loss per step</source>
        <translation>每步的损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Gradient norm per step</source>
        <translation>每步的梯度范数</translation>
    </message>
    <message>
        <source>‖∇f‖</source>
        <translation>‖∇f‖</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>step t</source>
        <translation>步 t</translation>
    </message>
    <message>
        <source>s(t) = lrₜ / lr</source>
        <translation>s(t) = lrₜ / lr</translation>
    </message>
    <message>
        <source>s(t)</source>
        <translation>s(t)</translation>
    </message>
    <message>
        <source>%1 (the last valid surface stays shown)</source>
        <translation>%1（仍显示上一个有效的曲面）</translation>
    </message>
    <message>
        <source>weight w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>bias b</source>
        <translation>偏置 b</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>log₁₀(f − fₘᵢₙ + δ)</source>
        <translation>log₁₀(f − fₘᵢₙ + δ)</translation>
    </message>
    <message>
        <source>f</source>
        <translation>f</translation>
    </message>
    <message>
        <source>%1 (diverged at step %2)</source>
        <translation>%1（在第 %2 步发散）</translation>
    </message>
    <message>
        <source>f − f*  (f* = %1)</source>
        <translation>f − f*（f* = %1）</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>At the cursor</source>
        <translation>光标处</translation>
    </message>
    <message>
        <source>At the start</source>
        <translation>起点处</translation>
    </message>
    <message>
        <source>∇f</source>
        <translation>∇f</translation>
    </message>
    <message>
        <source>Hessian eigenvalues</source>
        <translation>Hessian 矩阵特征值</translation>
    </message>
    <message>
        <source>Condition number</source>
        <translation>条件数</translation>
    </message>
    <message>
        <source>Largest stable GD lr (2/λmax)</source>
        <translation>梯度下降最大稳定学习率（2/λmax）</translation>
    </message>
    <message>
        <source>∞ (no positive curvature)</source>
        <translation>∞（没有正曲率）</translation>
    </message>
    <message>
        <source>Hessian</source>
        <translation>Hessian 矩阵</translation>
    </message>
    <message>
        <source>undefined here (f is not twice differentiable)</source>
        <translation>此处无定义（f 不是二阶可微的）</translation>
    </message>
    <message>
        <source>diverged at step %1</source>
        <translation>在第 %1 步发散</translation>
    </message>
    <message>
        <source>f = %1 after %2 steps at (%3, %4)</source>
        <translation>%2 步后 f = %1，位于 (%3, %4)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;Gradient descent&lt;/b&gt; moves against the gradient: θ&lt;sub&gt;t&lt;/sub&gt; = θ&lt;sub&gt;t−1&lt;/sub&gt; − η&lt;sub&gt;t&lt;/sub&gt;·g&lt;sub&gt;t&lt;/sub&gt;. &lt;b&gt;Momentum&lt;/b&gt; accumulates b&lt;sub&gt;t&lt;/sub&gt; = μ·b&lt;sub&gt;t−1&lt;/sub&gt; + g&lt;sub&gt;t&lt;/sub&gt; and steps along b; &lt;b&gt;Adam&lt;/b&gt; divides a running mean of g by the root of a running mean of g² (with bias correction), so every coordinate moves at about η per step whatever its curvature. The updates are PyTorch&apos;s torch.optim rules in float64.&lt;/p&gt;&lt;p&gt;Near a minimum f ≈ f* + ½dᵀHd: plain gradient descent is stable only for η &amp;lt; 2/λ&lt;sub&gt;max&lt;/sub&gt;(H), and converges slowly along directions with small λ — the condition number λ&lt;sub&gt;max&lt;/sub&gt;/λ&lt;sub&gt;min&lt;/sub&gt; measures how elongated the valley is. Large models are trained with AdamW, a warm-up then cosine learning-rate schedule and gradient clipping at norm 1: all of them are here to try.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;梯度下降&lt;/b&gt;沿梯度的反方向移动：θ&lt;sub&gt;t&lt;/sub&gt; = θ&lt;sub&gt;t−1&lt;/sub&gt; − η&lt;sub&gt;t&lt;/sub&gt;·g&lt;sub&gt;t&lt;/sub&gt;。&lt;b&gt;动量&lt;/b&gt;法累积 b&lt;sub&gt;t&lt;/sub&gt; = μ·b&lt;sub&gt;t−1&lt;/sub&gt; + g&lt;sub&gt;t&lt;/sub&gt; 并沿 b 前进；&lt;b&gt;Adam&lt;/b&gt; 用 g 的滑动平均除以 g² 滑动平均的平方根（带偏差校正），因此无论曲率大小，每个坐标每步大约移动 η。这里的更新规则与 PyTorch 的 torch.optim 相同，以 float64 计算。&lt;/p&gt;&lt;p&gt;在极小值附近 f ≈ f* + ½dᵀHd：普通梯度下降只有在 η &amp;lt; 2/λ&lt;sub&gt;max&lt;/sub&gt;(H) 时才稳定，并且沿 λ 较小的方向收敛很慢——条件数 λ&lt;sub&gt;max&lt;/sub&gt;/λ&lt;sub&gt;min&lt;/sub&gt; 衡量山谷有多狭长。大模型的训练使用 AdamW、先预热再余弦衰减的学习率调度，以及范数为 1 的梯度裁剪：这些在这里都可以试一试。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>⏸ Pause</source>
        <translation>⏸ 暂停</translation>
    </message>
    <message>
        <source>Computing the %1 × %1 grid… %2 %
(the %3 × %3 grid is shown meanwhile)</source>
        <translation>正在计算 %1 × %1 网格… %2 %
（计算期间显示 %3 × %3 网格）</translation>
    </message>
    <message>
        <source>Computing the loss surface on a %1 × %1 grid… %2 %</source>
        <translation>正在 %1 × %1 网格上计算损失曲面… %2 %</translation>
    </message>
</context>
<context>
    <name>aimath::params</name>
    <message>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>Quadratic bowl</source>
        <translation>二次碗形</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock</translation>
    </message>
    <message>
        <source>Himmelblau</source>
        <translation>Himmelblau</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale</translation>
    </message>
    <message>
        <source>Rastrigin</source>
        <translation>Rastrigin</translation>
    </message>
    <message>
        <source>Ackley</source>
        <translation>Ackley</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>鞍面</translation>
    </message>
    <message>
        <source>Styblinski–Tang</source>
        <translation>Styblinski–Tang</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>逻辑回归</translation>
    </message>
    <message>
        <source>Custom f(x, y)</source>
        <translation>自定义 f(x, y)</translation>
    </message>
    <message>
        <source>The loss surface f(x, y) the optimizers descend</source>
        <translation>优化器在其上下降的损失曲面 f(x, y)</translation>
    </message>
    <message>
        <source>Condition κ</source>
        <translation>条件数 κ</translation>
    </message>
    <message>
        <source>Quadratic: ratio of the curvatures along the bowl&apos;s two axes (the Hessian&apos;s condition number)</source>
        <translation>二次碗形：沿碗的两个主轴的曲率之比（Hessian 矩阵的条件数）</translation>
    </message>
    <message>
        <source>Rotation θ (°)</source>
        <translation>旋转角 θ（°）</translation>
    </message>
    <message>
        <source>Quadratic: rotation of the bowl&apos;s axes against x and y, in degrees</source>
        <translation>二次碗形：碗的主轴相对 x、y 轴的旋转角，单位为度</translation>
    </message>
    <message>
        <source>f(x, y) =</source>
        <translation>f(x, y) =</translation>
    </message>
    <message>
        <source>Custom: + − * / ^, parentheses, numbers, x, y, pi, e and sin cos tan exp log sqrt abs tanh sigmoid softplus relu min max. Differentiated exactly (automatic differentiation).</source>
        <translation>自定义：可用 + − * / ^、括号、数字、x、y、pi、e 以及 sin cos tan exp log sqrt abs tanh sigmoid softplus relu min max。导数精确计算（自动微分）。</translation>
    </message>
    <message>
        <source>Minibatch size</source>
        <translation>小批量大小</translation>
    </message>
    <message>
        <source>Logistic: 0 = full-batch gradient; otherwise the gradient of a seeded random minibatch each step</source>
        <translation>逻辑回归：0 = 全批量梯度；否则每步使用一个带种子的随机小批量的梯度</translation>
    </message>
    <message>
        <source>Grid per side</source>
        <translation>每边网格数</translation>
    </message>
    <message>
        <source>Resolution of the heatmap and of the contour extraction</source>
        <translation>热力图与等高线提取的分辨率</translation>
    </message>
    <message>
        <source>Log colour scale</source>
        <translation>对数色标</translation>
    </message>
    <message>
        <source>Colour by log₁₀(f − fₘᵢₙ + δ) instead of f; contour levels spaced geometrically</source>
        <translation>按 log₁₀(f − fₘᵢₙ + δ) 而不是 f 着色；等高线水平按等比间隔</translation>
    </message>
    <message>
        <source>Gradient field</source>
        <translation>梯度场</translation>
    </message>
    <message>
        <source>Arrows of the descent direction −∇f/‖∇f‖ over the map</source>
        <translation>在图上画出下降方向 −∇f/‖∇f‖ 的箭头</translation>
    </message>
    <message>
        <source>Taylor model at the start</source>
        <translation>起点处的泰勒模型</translation>
    </message>
    <message>
        <source>Contours of f(p₀) + ∇fᵀd + ½dᵀ∇²f d around the start point, at the map&apos;s contour levels</source>
        <translation>起点附近 f(p₀) + ∇fᵀd + ½dᵀ∇²f d 的等高线，取与图中相同的等高线水平</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>参赛优化器</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>The optimizers that start together from the same point</source>
        <translation>从同一起点同时出发的优化器</translation>
    </message>
    <message>
        <source>lr SGD</source>
        <translation>学习率 SGD</translation>
    </message>
    <message>
        <source>Learning rate of SGD (multiplied by the schedule)</source>
        <translation>SGD 的学习率（乘以调度系数）</translation>
    </message>
    <message>
        <source>lr Momentum</source>
        <translation>学习率 Momentum</translation>
    </message>
    <message>
        <source>Learning rate of Momentum (multiplied by the schedule)</source>
        <translation>Momentum 的学习率（乘以调度系数）</translation>
    </message>
    <message>
        <source>lr Nesterov</source>
        <translation>学习率 Nesterov</translation>
    </message>
    <message>
        <source>Learning rate of Nesterov (multiplied by the schedule)</source>
        <translation>Nesterov 的学习率（乘以调度系数）</translation>
    </message>
    <message>
        <source>lr Adagrad</source>
        <translation>学习率 Adagrad</translation>
    </message>
    <message>
        <source>Learning rate of Adagrad (multiplied by the schedule)</source>
        <translation>Adagrad 的学习率（乘以调度系数）</translation>
    </message>
    <message>
        <source>lr RMSprop</source>
        <translation>学习率 RMSprop</translation>
    </message>
    <message>
        <source>Learning rate of RMSprop (multiplied by the schedule)</source>
        <translation>RMSprop 的学习率（乘以调度系数）</translation>
    </message>
    <message>
        <source>lr Adam</source>
        <translation>学习率 Adam</translation>
    </message>
    <message>
        <source>Learning rate of Adam (multiplied by the schedule)</source>
        <translation>Adam 的学习率（乘以调度系数）</translation>
    </message>
    <message>
        <source>lr AdamW</source>
        <translation>学习率 AdamW</translation>
    </message>
    <message>
        <source>Learning rate of AdamW (multiplied by the schedule)</source>
        <translation>AdamW 的学习率（乘以调度系数）</translation>
    </message>
    <message>
        <source>Start and steps</source>
        <translation>起点与步数</translation>
    </message>
    <message>
        <source>Start x</source>
        <translation>起点 x</translation>
    </message>
    <message>
        <source>Start point, x (click the map to set it)</source>
        <translation>起点的 x 坐标（点击图可设置）</translation>
    </message>
    <message>
        <source>Start y</source>
        <translation>起点 y</translation>
    </message>
    <message>
        <source>Start point, y (click the map to set it)</source>
        <translation>起点的 y 坐标（点击图可设置）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Number of optimizer steps</source>
        <translation>优化器迭代的步数</translation>
    </message>
    <message>
        <source>Shown step</source>
        <translation>显示的步</translation>
    </message>
    <message>
        <source>The step the markers show (the time slider under the map); clamped to the run length</source>
        <translation>标记所显示的步（图下方的时间滑块）；不超过运行长度</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>Momentum μ</source>
        <translation>动量 μ</translation>
    </message>
    <message>
        <source>SGD momentum (Momentum, Nesterov)</source>
        <translation>SGD 的动量系数（Momentum、Nesterov）</translation>
    </message>
    <message>
        <source>β₁</source>
        <translation>β₁</translation>
    </message>
    <message>
        <source>Adam/AdamW first-moment decay</source>
        <translation>Adam/AdamW 一阶矩的衰减率</translation>
    </message>
    <message>
        <source>β₂</source>
        <translation>β₂</translation>
    </message>
    <message>
        <source>Adam/AdamW second-moment decay</source>
        <translation>Adam/AdamW 二阶矩的衰减率</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>Adam/AdamW/RMSprop denominator term (Adagrad keeps PyTorch&apos;s 1e-10)</source>
        <translation>Adam/AdamW/RMSprop 分母中的小常数（Adagrad 保持 PyTorch 的 1e-10）</translation>
    </message>
    <message>
        <source>RMSprop α</source>
        <translation>RMSprop α</translation>
    </message>
    <message>
        <source>RMSprop smoothing constant</source>
        <translation>RMSprop 的平滑常数</translation>
    </message>
    <message>
        <source>Weight decay λ</source>
        <translation>权重衰减 λ</translation>
    </message>
    <message>
        <source>λ·θ added to the gradient; AdamW decays θ ← θ(1 − lr·λ) instead (decoupled)</source>
        <translation>把 λ·θ 加到梯度上；AdamW 则改为 θ ← θ(1 − lr·λ)（解耦的权重衰减）</translation>
    </message>
    <message>
        <source>Noise, clipping, schedule</source>
        <translation>噪声、裁剪与调度</translation>
    </message>
    <message>
        <source>Gradient noise σ</source>
        <translation>梯度噪声 σ</translation>
    </message>
    <message>
        <source>Standard deviation of Gaussian noise added to each gradient component (seeded)</source>
        <translation>加到每个梯度分量上的高斯噪声的标准差（带种子）</translation>
    </message>
    <message>
        <source>Clip norm</source>
        <translation>裁剪范数</translation>
    </message>
    <message>
        <source>Rescale the gradient to this norm when it is longer (torch.nn.utils.clip_grad_norm_); 0 = off</source>
        <translation>梯度范数超过此值时把它缩放到此范数（torch.nn.utils.clip_grad_norm_）；0 = 关闭</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>Step (halve)</source>
        <translation>阶梯（减半）</translation>
    </message>
    <message>
        <source>Exponential decay</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Warm-up + cosine</source>
        <translation>预热 + 余弦</translation>
    </message>
    <message>
        <source>lrₜ = lr · s(t), t = 0 at the first step</source>
        <translation>lrₜ = lr · s(t)，第一步时 t = 0</translation>
    </message>
    <message>
        <source>Halve every</source>
        <translation>每隔多少步减半</translation>
    </message>
    <message>
        <source>Step schedule: steps between halvings</source>
        <translation>阶梯调度：两次减半之间的步数</translation>
    </message>
    <message>
        <source>γ</source>
        <translation>γ</translation>
    </message>
    <message>
        <source>Exponential schedule: s(t) = γᵗ</source>
        <translation>指数调度：s(t) = γᵗ</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>Warm-up + cosine: s(t) = (t + 1)/W for t &lt; W, then a cosine to 0 over the remaining steps</source>
        <translation>预热 + 余弦：t &lt; W 时 s(t) = (t + 1)/W，之后在剩余步数内按余弦降到 0</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seed of the gradient noise and of the minibatches</source>
        <translation>梯度噪声与小批量的随机种子</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>等高线图</translation>
    </message>
    <message>
        <source>3D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>The main view: the contour map or the 3D wireframe</source>
        <translation>主视图：等高线图或三维线框图</translation>
    </message>
    <message>
        <source>3D azimuth (°)</source>
        <translation>三维方位角（°）</translation>
    </message>
    <message>
        <source>3D view: rotation about the vertical axis (drag the view)</source>
        <translation>三维视图：绕竖直轴的旋转（拖动视图）</translation>
    </message>
    <message>
        <source>3D elevation (°)</source>
        <translation>三维仰角（°）</translation>
    </message>
    <message>
        <source>3D view: viewing height, 90° = from above (drag the view)</source>
        <translation>三维视图：观察高度，90° = 从正上方看（拖动视图）</translation>
    </message>
</context>
</TS>
