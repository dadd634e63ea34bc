package io.github.deblurnmf.net;
import java.util.*;
public class PsfDebugMain { public static void main(String[] a) throws Exception {
  int size=Integer.parseInt(a[0]), batch=Integer.parseInt(a[1]), steps=Integer.parseInt(a[2]); double lr=Double.parseDouble(a[3]);
  Random r=new Random(1); float[][] x=new float[batch][], y=new float[batch][]; double[] s=new double[batch];
  for(int n=0;n<batch;n++){ s[n]=1+n%3; float[] t=new float[size*size]; Arrays.fill(t,0.3f);
   for(int k=0;k<8;k++){int x0=r.nextInt(size-4),y0=r.nextInt(size-4),x1=x0+2+r.nextInt(size-x0-2),y1=y0+2+r.nextInt(size-y0-2);float v=r.nextFloat();for(int yy=y0;yy<y1;yy++)for(int xx=x0;xx<x1;xx++)t[xx+yy*size]=v;}
   float[] b=new float[t.length]; io.github.deblurnmf.metrics.GaussianFilter.forWindow(io.github.deblurnmf.deblur.PsfFirstStage.windowFor(s[n]),s[n]).filter(t,size,size,b); x[n]=b;y[n]=t;}
  DeblurNetwork net=DeblurNetwork.createPsfUnet(DeblurNetwork.PsfInput.defaults(),5,lr,100000);
  System.out.println("params "+net.parameterCount());
  long t0=System.nanoTime();
  for(int k=0;k<steps;k++){ long t1=System.nanoTime(); double l=net.fit(x,y,s,size,size); if(k%5==0||k==steps-1) System.out.printf("%d %.5f %.3fs%n",k,l,(System.nanoTime()-t1)/1e9);} 
}}
